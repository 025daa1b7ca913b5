/**
 * When a step of an order happened, as the household reads it on China's clock: the time alone
 * for today, the month and day before it for an earlier day (an order may take more than a day).
 */
import { useTranslation } from 'react-i18next';
import { chinaDay, chinaMinute } from '#shared/domain/china-time.ts';

export function useWhen(): (iso: string) => string {
  const { t } = useTranslation();
  const today = chinaDay(new Date().toISOString());
  return (iso) => {
    const [day = '', time = ''] = chinaMinute(iso).split(' ');
    return day === today ? time : t('household.when', { month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)), time });
  };
}

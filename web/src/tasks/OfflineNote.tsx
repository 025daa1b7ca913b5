/** Says that what is shown came from the phone's copy, and when it was loaded (离线：显示 HH:mm 加载的数据). */
import { useTranslation } from 'react-i18next';
import { clockTime } from './time.ts';

export function OfflineNote({ at }: { at: number }) {
  const { t, i18n } = useTranslation();
  return <p className="notice notice-warning offline-note" role="status" data-offline-at={at}>{t('tasks.offline.showing', { time: clockTime(at, i18n.language) })}</p>;
}

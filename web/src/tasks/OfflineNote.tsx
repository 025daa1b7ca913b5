/** Says that what is shown came from the phone's copy, and when it was loaded (离线：显示 HH:mm 加载的数据). */
import { useTranslation } from 'react-i18next';

export function OfflineNote({ at }: { at: number }) {
  const { t, i18n } = useTranslation();
  const time = new Date(at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit', hour12: false });
  return <p className="notice notice-warning offline-note" role="status" data-offline-at={at}>{t('tasks.offline.showing', { time })}</p>;
}

/**
 * "有新版本，点击更新": shown while a new version of the app waits. The page reloads only when
 * the user clicks it, never by itself, so a half-typed form survives until its user is ready.
 */
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppUpdates } from './updates.ts';

export function UpdateBanner({ updates }: { updates: AppUpdates }) {
  const { t } = useTranslation();
  const available = useSyncExternalStore(updates.subscribe, updates.available);
  const [applying, setApplying] = useState(false);
  return (
    <div className="update-banner-slot" role="status">
      {available && (
        <div className="update-banner">
          <button
            type="button"
            disabled={applying}
            onClick={() => {
              setApplying(true);
              void updates.apply().catch(() => setApplying(false));
            }}
          >
            {applying ? t('pwa.updating') : t('pwa.updateAvailable')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The signed-in person's own choice of notices by SMS and e-mail (PUT /v1/staff/{username}/notify):
 * on by default; off, alerts still reach the inbox and the bell, only the texts and mails stop.
 * Read from the directory entry the person can see of themselves.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';

export function NoticeOptOut({ username }: { username: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [chosen, setChosen] = useState<boolean>();
  const entry = useAsync(`notify:${username}`, async (signal) =>
    (await api.call('listStaff', { query: { q: username } }, { signal })).items.find((s) => s.username === username));
  const notify = chosen ?? (entry.data ? entry.data.notify !== false : undefined);

  const change = async (next: boolean) => {
    setSaving(true);
    setFailure(undefined);
    try {
      const saved = await api.call('setStaffNotify', { params: { username }, body: { notify: next } });
      setChosen(saved.notify !== false);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  if (notify === undefined) return null;
  return (
    <section className="inbox-section notice-opt-out" aria-label={t('inbox.optOut.title')}>
      <label>
        <input type="checkbox" checked={notify} disabled={saving} onChange={(e) => void change(e.currentTarget.checked)} />
        {' '}{t('inbox.optOut.label')}
      </label>
      <p className="hint">{t(notify ? 'inbox.optOut.on' : 'inbox.optOut.off')}</p>
      {failure !== undefined && <ErrorNotice title={t('inbox.optOut.failed')} error={failure} />}
    </section>
  );
}

/**
 * The gate notice's printing and posting: the way to the A4 print view, a "confirm posted"
 * button for a notice put up otherwise (a hand-written board), and today's records — who, when,
 * how — which are the scorecard's evidence that the notices are posted.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { navigate } from '../layout/navigation.ts';
import { chinaTime } from '../public/format.ts';
import { useApi } from '../services.tsx';
import { noticePrintPath } from './notice-path.ts';

export function NoticePosted({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [confirmed, setConfirmed] = useState(false);
  const postings = useAsync(`notice-posted|${compoundId}|${version}`, (signal) =>
    api.call('listNoticePostings', { params: { id: compoundId }, query: {} }, { signal }));

  const confirm = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await api.call('recordNoticePosted', { params: { id: compoundId }, body: { how: 'posted' } });
      setConfirmed(true);
      setVersion((n) => n + 1);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const items = postings.data?.items ?? postings.latest?.items;
  return (
    <section className="card notice-posted" aria-labelledby="notice-posted-title">
      <h2 id="notice-posted-title">{t('notices.posted.title')}</h2>
      <p className="hint">{t('notices.posted.hint')}</p>
      <div className="notice-posted-actions">
        <a
          className="button"
          href={noticePrintPath(compoundId)}
          onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            navigate(noticePrintPath(compoundId));
          }}
        >
          {t('notices.posted.print')}
        </a>
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => void confirm()}>
          {busy ? t('app.loading') : t('notices.posted.confirm')}
        </button>
      </div>
      {confirmed && <p className="notice" role="status">{t('notices.posted.confirmed')}</p>}
      {failure !== undefined && <ErrorNotice title={t('notices.posted.failed')} error={failure} />}
      <h3>{t('notices.posted.today')}</h3>
      {postings.error !== undefined && items === undefined ? (
        <ErrorNotice title={t('notices.posted.failed')} error={postings.error} onRetry={postings.reload} />
      ) : items === undefined ? (
        <p className="list-note">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p className="list-note" data-testid="notice-postings-none">{t('notices.posted.none')}</p>
      ) : (
        <ul className="notice-postings" data-testid="notice-postings">
          {items.map((posting) => (
            <li key={`${posting.at}-${posting.by}`}>
              {t(posting.how === 'printed' ? 'notices.posted.printed' : 'notices.posted.postedBy', { time: chinaTime(posting.at), name: posting.byName ?? '—' })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

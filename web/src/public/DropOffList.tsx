/**
 * A compound's drop-off points (物品指定存放点) as residents and staff read them: name, the
 * building it serves, where it is and its hours. Shared by the map's compound panel, which reads
 * the public route (no ids, no staff) through useDropOffPoints, and the household's page (from the
 * gate notice); DropOffSection is the notices' section of them. The resident page, which has no
 * React, draws the same markup itself (web/src/resident/contacts.ts).
 */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/client.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import '../styles/public.css';

type DropOffItem = ResponseOf<'getPublicDropOffPoints'>['items'][number];

/** The compound's drop-off points from the public route. */
export function useDropOffPoints(compoundId: string) {
  const api = useApi();
  return useAsync(compoundId, (signal) => api.call('getPublicDropOffPoints', { params: { id: compoundId } }, { signal }));
}

export function DropOffList({ points }: { points: readonly DropOffItem[] }) {
  const { t } = useTranslation();
  if (points.length === 0) return <p className="list-note">{t('public.dropOff.none')}</p>;
  return (
    <ul className="drop-off-points" data-testid="drop-off-points">
      {points.map((point, i) => (
        <li key={`${point.name}-${i}`}>
          <strong>{point.name}</strong>
          {point.buildingName && <span className="drop-off-building">{t('public.dropOff.building', { name: point.buildingName })}</span>}
          {point.location && <span className="drop-off-where">{t('public.dropOff.where', { where: point.location.description })}</span>}
          {point.hours && <span className="drop-off-hours">{t('public.dropOff.hours', { hours: point.hours })}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The drop-off points as a notice's section: heading, hint, then the list (or why it is missing, or that it is loading). */
export function DropOffSection({ points, error, onRetry }: { points: readonly DropOffItem[] | undefined; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="resident-section" aria-labelledby="drop-off-heading">
      <h2 id="drop-off-heading">{t('public.dropOff.heading')}</h2>
      <p className="resident-lead">{t('public.dropOff.hint')}</p>
      {error !== undefined ? (
        <ErrorNotice title={t('public.dropOff.loadFailed')} error={error} onRetry={onRetry} />
      ) : points ? (
        <DropOffList points={points} />
      ) : (
        <p className="list-note">{t('public.loading')}</p>
      )}
    </section>
  );
}

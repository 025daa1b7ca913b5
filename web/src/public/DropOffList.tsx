/**
 * A compound's drop-off points (物品指定存放点) as residents and staff read them: name, the
 * building it serves, where it is and its hours. Shared by the resident page and the map's
 * compound panel, which both read the public route (no ids, no staff) through useDropOffPoints.
 */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/client.ts';
import { useAsync } from '../hooks/useAsync.ts';
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

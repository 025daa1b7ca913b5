/**
 * The community's "not reached today" (今日未联系): vulnerable residents whose paired cadre has
 * logged no contact that reached them today, as the API judges it live (GET /v1/unreached-pairs),
 * each with the cadre's name from the directory and a link to the person's page to follow up.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCall } from '../api/may.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { navigate } from '../layout/navigation.ts';
import { useApi, useSession } from '../services.tsx';
import { personPath } from './PersonRow.tsx';
import { placeText, usePlaceNames } from './places.ts';

export function UnreachedPairs() {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const allowed = mayCall(session?.user.role, 'listUnreachedPairs');
  const unreached = useAsync(allowed ? 'unreached-pairs' : null, async (signal) => {
    const [page, staff] = await Promise.all([
      api.call('listUnreachedPairs', { query: { limit: 200 } }, { signal }),
      // The cadres by name; the list still shows without them.
      api.call('listStaff', {}, { signal }).catch(() => undefined),
    ]);
    return { ...page, cadres: new Map((staff?.items ?? []).map((s) => [s.username, s.name])) };
  });
  const data = unreached.data ?? unreached.latest;
  const items = useMemo(() => data?.items ?? [], [data]);
  const names = usePlaceNames(items);
  if (!allowed) return null;

  return (
    <section className="people-section people-unreached" aria-labelledby="people-unreached-title" data-section="unreached">
      <h2 id="people-unreached-title">{t('people.unreached.title')} <span className="count">{items.length}</span></h2>
      {unreached.error !== undefined && <ErrorNotice title={t('people.loadFailed')} error={unreached.error} onRetry={unreached.reload} />}
      {unreached.data && items.length === 0 && <p className="list-note">{t('people.unreached.none')}</p>}
      <ul className="person-list">
        {items.map((pair) => {
          const cadre = pair.pairedWith ? data?.cadres.get(pair.pairedWith) : undefined;
          return (
            <li key={`${pair.day}|${pair.personId}`} className="person-row" data-person-id={pair.personId}>
              <a href={personPath(pair.personId)} onClick={(e) => { e.preventDefault(); navigate(personPath(pair.personId)); }}>{pair.name ?? t('people.unnamed')}</a>
              <p className="list-note">
                {placeText(pair, names, (room) => room)}
                {' · '}{cadre ? t('people.unreached.cadre', { name: cadre }) : t('people.unreached.noCadreName')}
                {' · '}{pair.lastContactAt
                  ? t('people.unreached.lastContact', { date: pair.lastContactAt.slice(5, 10) })
                  : t('people.unreached.never')}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The map panel's line for people under care: how many of the compound's residents are under
 * home health observation now — a count for the roles that may read the register, never a
 * point or a name on the map.
 */
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { mayCall } from '../api/may.ts';
import { usePeopleCount } from './data.ts';

export function PeopleCount({ compoundId, role }: { compoundId: string; role: Role | undefined }) {
  const { t } = useTranslation();
  const allowed = mayCall(role, 'listPeople');
  const count = usePeopleCount(compoundId, allowed);
  if (!allowed) return null;
  return (
    <div className="fact" data-testid="people-observed">
      <dt>{t('people.map.observed')}</dt>
      <dd>{count.loading ? t('panel.loading') : count.error !== undefined ? t('panel.unavailable') : t('people.map.count', { count: count.data ?? 0 })}</dd>
    </div>
  );
}

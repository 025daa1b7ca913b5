/**
 * The way from a compound's panel on the map to its gate notice view: report cases, edit the
 * responsibility list and hotlines, print the notice. Shown to the roles that may edit them.
 */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { mayCall } from '../api/may.ts';
import { navigate } from '../layout/navigation.ts';
import { noticesPath } from './notice-path.ts';

export function NoticesLink({ compoundId, role }: { compoundId: string; role: Role | undefined }) {
  const { t } = useTranslation();
  if (!mayCall(role, 'putHotlines')) return null;
  const path = noticesPath(compoundId);
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(path);
  };
  return (
    <p className="notices-link">
      <a className="button button-quiet" href={path} onClick={follow} title={t('notices.entryHint')} data-testid="notices-link">
        {t('notices.entry')}
      </a>
    </p>
  );
}

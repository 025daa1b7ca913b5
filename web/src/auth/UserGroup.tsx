/** One role's demo users on the sign-in page: the first few, and all of them on request. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import type { LocalUser } from '#shared/schemas/local.ts';

/** The demo users come handiest first; more than this many are folded away. */
const FOLDED = 4;

export interface UserGroupProps {
  readonly role: Role;
  readonly users: readonly LocalUser[];
  /** Show every user (while searching). */
  readonly showAll: boolean;
  readonly disabled: boolean;
  onPick(username: string): void;
}

export function UserGroup({ role, users, showAll, disabled, onPick }: UserGroupProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [expanded, setExpanded] = useState(false);
  const roleName = t(`roles.${role}`);
  const shown = showAll || expanded ? users : users.slice(0, FOLDED);
  return (
    <section className="user-group" aria-labelledby={headingId} data-role={role}>
      <h2 id={headingId}>
        <span className="role-badge" data-role={role}>{roleName}</span>
        <span className="user-group-count">{users.length}</span>
      </h2>
      <ul className="user-list">
        {shown.map((user) => (
          <li key={user.username}>
            <button
              type="button"
              className="user-button"
              disabled={disabled}
              data-username={user.username}
              onClick={() => onPick(user.username)}
            >
              {/* The name is the visible text, then what the button does (label-content-name-mismatch: speech users say what they see). */}
              <span className="user-name">{user.name}</span>{' '}
              <span className="user-username">{user.username}</span>
              <span className="visually-hidden">{t('login.signInAs', { role: roleName })}</span>
            </button>
          </li>
        ))}
      </ul>
      {!showAll && users.length > FOLDED && (
        <button type="button" className="button button-link" aria-expanded={expanded} onClick={() => setExpanded((v) => !v)}>
          {expanded ? t('login.showFewer') : t('login.showAll', { count: users.length })}
        </button>
      )}
    </section>
  );
}

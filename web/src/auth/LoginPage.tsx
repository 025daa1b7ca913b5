/**
 * The local sign-in page: the demo users grouped by role, searchable (a demo city has a few
 * hundred), one button per user. Each group shows its first few — the handy ones — until the
 * user searches or asks for all. A sign-in link (/login?user=NAME) that failed lands here too,
 * saying why.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '#shared/roles.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { ApiError, NetworkError } from '../api/errors.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import type { LocalAuthAdapter } from './adapter.ts';
import type { LinkFailure } from './link-sign-in.ts';
import { LoginCard } from './LoginCard.tsx';
import { UserGroup } from './UserGroup.tsx';

export function LoginPage({ auth, linkFailure }: { auth: LocalAuthAdapter; linkFailure?: LinkFailure | undefined }) {
  const { t } = useTranslation();
  const users = useAsync('demo-users', (signal) => auth.listUsers(signal));
  const [query, setQuery] = useState('');
  const [pending, setPending] = useState<string>();
  const [failure, setFailure] = useState<unknown>();

  const groups = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const matches = (user: LocalUser) =>
      needle === '' ||
      [user.name, user.username, t(`roles.${user.role}`), user.jurisdiction.communityId ?? '']
        .some((text) => text.toLowerCase().includes(needle));
    const found = (users.data ?? []).filter(matches);
    return ROLES.map((role) => ({ role, users: found.filter((u) => u.role === role) })).filter((g) => g.users.length > 0);
  }, [users.data, query, t]);
  const found = groups.reduce((n, g) => n + g.users.length, 0);

  const signIn = async (username: string) => {
    setPending(username);
    setFailure(undefined);
    try {
      await auth.signIn(username);
    } catch (error) {
      setFailure(error);
      setPending(undefined);
    }
  };

  const statusLine = (): string => {
    if (users.loading) return t('login.loadingUsers');
    if (pending) return t('login.signingIn');
    if (query.trim() === '') return '';
    return found > 0 ? t('login.matches', { count: found }) : t('login.noMatch');
  };

  return (
    <LoginCard title={t('login.title')} intro={t('login.intro')}>
      {linkFailure && <LinkFailureNotice failure={linkFailure} />}
      {failure !== undefined && <ErrorNotice title={t('login.failed')} error={failure} />}
      {users.error !== undefined && <ErrorNotice title={t('login.failed')} error={users.error} onRetry={users.reload} />}
      <div className="search-field">
        <label htmlFor="user-search">{t('login.search')}</label>
        <input
          id="user-search"
          type="search"
          autoComplete="off"
          placeholder={t('login.searchPlaceholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <p className="login-status" role="status" aria-live="polite">
        {statusLine()}
      </p>
      <div className="user-groups" aria-busy={pending !== undefined}>
        {groups.map((group) => (
          <UserGroup
            key={group.role}
            role={group.role}
            users={group.users}
            showAll={query.trim() !== ''}
            disabled={pending !== undefined}
            onPick={(username) => void signIn(username)}
          />
        ))}
      </div>
    </LoginCard>
  );
}

/** Why the sign-in link did not sign in: no such demo user (the API refused the name), or the error. */
function LinkFailureNotice({ failure }: { failure: LinkFailure }) {
  const { t } = useTranslation();
  const refused = failure.error instanceof ApiError && !(failure.error instanceof NetworkError) && failure.error.status < 500;
  if (!refused) return <ErrorNotice title={t('login.link.failed', { username: failure.username })} error={failure.error} />;
  return (
    <p className="notice notice-error" role="alert">
      {t('login.link.unknown', { username: failure.username })}
    </p>
  );
}

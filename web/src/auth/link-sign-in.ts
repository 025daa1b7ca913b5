/**
 * The local sign-in link, `/login?user=NAME`: signs in as that demo user and opens their role's
 * home view, so a link (in a demo, a test, a bug report) can open any role's view. Locally only:
 * the cloud's Cognito adapter has no demo users, and there /login is just the sign-in page.
 * An unknown or refused name leaves the user on the sign-in page (/login, the name dropped from
 * the address so a reload does not try it again), told why.
 */
import { useEffect, useState } from 'react';
import { navigate, pathOf, viewsOf, type Route } from '../layout/navigation.ts';
import { useServices, useSession } from '../services.tsx';

export interface LinkFailure {
  readonly username: string;
  readonly error: unknown;
}

export interface LinkSignIn {
  /** Signing in as the link's user: show that, not a view. */
  readonly pending: boolean;
  /** The link's user could not be signed in: show the sign-in page with why, until someone signs in. */
  readonly failure: LinkFailure | undefined;
}

export function useLinkSignIn(route: Route): LinkSignIn {
  const { auth, sessions } = useServices();
  const { session } = useSession();
  const username = route.view === 'login' && auth.kind === 'local' ? route.user : undefined;
  const [failed, setFailed] = useState<LinkFailure & { readonly token: string | undefined }>();

  useEffect(() => {
    if (username === undefined || auth.kind !== 'local') return;
    let current = true;
    // The session the link found: a failure holds until another sign-in replaces it.
    const token = sessions.getState().session?.token;
    auth.signIn(username).then(
      (signedIn) => {
        const home = viewsOf(signedIn.user.role)[0];
        if (current && home) navigate(pathOf(home), { replace: true });
      },
      (error: unknown) => {
        if (!current) return;
        setFailed({ username, error, token });
        navigate('/login', { replace: true });
      },
    );
    return () => {
      current = false;
    };
  }, [username, auth, sessions]);

  // Every link leaves its address once answered: while it is there, it is being answered.
  const failure = route.view === 'login' && username === undefined && failed && failed.token === session?.token ? failed : undefined;
  return { pending: username !== undefined, failure };
}

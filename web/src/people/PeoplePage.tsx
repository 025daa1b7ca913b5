/**
 * People under care (重点人员), one view at /people with the paths under it: a grid worker opens
 * their "today" (who has not reported this slot, tests due, whom to call) and their pairs; a
 * community admin or city staff the register with its 14-day strips and who of the vulnerable was
 * not reached today; both the open emergency help requests (紧急求助); /people/enrol
 * the enrol form; /people/{id} a person's page.
 */
import { useTranslation } from 'react-i18next';
import '../styles/tasks.css';
import '../styles/people.css';
import { navigate, useRoute } from '../layout/navigation.ts';
import { useSession } from '../services.tsx';
import { EnrolForm } from './EnrolForm.tsx';
import { HelpRequests } from './HelpRequests.tsx';
import { Pairs } from './Pairs.tsx';
import { PersonPage } from './PersonPage.tsx';
import { personPath } from './PersonRow.tsx';
import { Register } from './Register.tsx';
import { TodayList } from './TodayList.tsx';
import { UnreachedPairs } from './UnreachedPairs.tsx';

/** What a path under /people opens. */
export function peopleRouteOf(pathname: string): { kind: 'home' } | { kind: 'enrol' } | { kind: 'person'; id: string } {
  const rest = pathname.replace(/^\/people\/?/, '').replace(/\/$/, '');
  if (rest === '') return { kind: 'home' };
  if (rest === 'enrol') return { kind: 'enrol' };
  return { kind: 'person', id: decodeURIComponent(rest) };
}

export function PeoplePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  // The route re-renders this view on every change of the URL; the sub-view is read from it.
  useRoute();
  const route = peopleRouteOf(window.location.pathname);
  const role = session?.user.role ?? 'grid';

  return (
    <main id="main" className="people-page">
      {route.kind === 'person' ? (
        <PersonPage key={route.id} id={route.id} />
      ) : route.kind === 'enrol' ? (
        <>
          <a className="button button-link back-link" href="/people" onClick={(e) => { e.preventDefault(); navigate('/people'); }}>← {t('people.back')}</a>
          <EnrolForm role={role} onDone={(created) => navigate(personPath(created.id), { replace: true })} onCancel={() => navigate('/people')} />
        </>
      ) : role === 'grid' ? (
        <>
          <TodayList />
          <Pairs />
          <HelpRequests role={role} />
        </>
      ) : (
        <>
          <Register />
          <UnreachedPairs />
          <HelpRequests role={role} />
          <Pairs />
        </>
      )}
    </main>
  );
}

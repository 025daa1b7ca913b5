/**
 * The cadre's pairs (结对帮扶): the vulnerable residents paired with the signed-in user, who has
 * not been reached today first, each with the contact log action at hand; the log itself is on
 * the person's page.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../tasks/time.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useSession } from '../services.tsx';
import { notReachedToday, slotOfNow, usePeople } from './data.ts';
import { PersonRow } from './PersonRow.tsx';
import { placeText, usePlaceNames } from './places.ts';

export function Pairs() {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const { session } = useSession();
  const [version, setVersion] = useState(0);
  const [said, setSaid] = useState<string>();
  const username = session?.user.username;
  const people = usePeople({ pairedWith: username }, version, username !== undefined);
  const current = slotOfNow(now);
  const mine = useMemo(() => {
    const paired = people.data ?? people.latest ?? [];
    // Not reached today first.
    return [...paired].sort((a, b) => Number(notReachedToday(b, current.date)) - Number(notReachedToday(a, current.date)));
  }, [people.data, people.latest, current.date]);
  const names = usePlaceNames(mine);
  if (people.data && mine.length === 0) return null;

  return (
    <section className="people-section people-pairs" aria-labelledby="people-pairs-title" data-section="pairs">
      <h2 id="people-pairs-title">{t('people.pairs.title')} <span className="count">{mine.length}</span></h2>
      {said && <p className="notice" role="status">{said}</p>}
      {people.error !== undefined && <ErrorNotice title={t('people.loadFailed')} error={people.error} onRetry={people.reload} />}
      <ul className="person-list">
        {mine.map((person) => (
          <PersonRow
            key={person.id}
            person={person}
            now={current}
            place={placeText(person, names, (room) => t('people.room', { room }))}
            note={notReachedToday(person, current.date) ? t('people.pairs.notReached') : t('people.pairs.reached')}
            onChanged={(message) => {
              setSaid(message);
              setVersion((n) => n + 1);
            }}
          />
        ))}
      </ul>
    </section>
  );
}

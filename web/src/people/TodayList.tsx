/**
 * The grid worker's "today" (今日): what to do about the people under care in their grid this
 * slot, phone first — who has not reported this slot, who is due a nucleic-acid test, whom to
 * call (vulnerable residents not reached today) — each a short list with the row's actions at
 * hand. Everyone else is counted, not listed, so the lists stay short. A report or contact made
 * here reads the lists again, and the person moves out of the list they left.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../tasks/time.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { notReachedToday, notReported, slotOfNow, testDueBy, usePeople, type PersonSummary, type SlotKey } from './data.ts';
import { placeText, usePlaceNames, type PlaceNames } from './places.ts';
import { PersonRow } from './PersonRow.tsx';

export function TodayList() {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const [version, setVersion] = useState(0);
  const [said, setSaid] = useState<string>();
  const people = usePeople({}, version);
  const { date, slot } = slotOfNow(now);
  const current = useMemo(() => ({ date, slot }), [date, slot]);
  const shown = people.data ?? people.latest;
  const lists = useMemo(() => {
    const all = shown ?? [];
    return {
      late: all.filter((p) => notReported(p, current)),
      tests: all.filter((p) => testDueBy(p, current.date) !== undefined),
      calls: all.filter((p) => notReachedToday(p, current.date)),
      observed: all.filter((p) => p.status === 'under_observation').length,
    };
  }, [shown, current]);
  const names = usePlaceNames(shown);
  const changed = (message: string) => {
    setSaid(message);
    setVersion((n) => n + 1);
  };

  return (
    <section className="people-today" aria-labelledby="people-today-title">
      <h1 id="people-today-title">{t('people.today.title')}</h1>
      <p className="hint">
        {t('people.today.summary', { slot: t(`people.slot.${current.slot}`), observed: lists.observed, late: lists.late.length })}
      </p>
      {said && <p className="notice" role="status">{said}</p>}
      {people.error !== undefined && <ErrorNotice title={t('people.loadFailed')} error={people.error} onRetry={people.reload} />}
      {!shown && people.loading && <p role="status">{t('app.loading')}</p>}
      {shown && (
        <>
          <TodaySection id="late" title={t('people.today.late', { slot: t(`people.slot.${current.slot}`) })} empty={t('people.today.lateNone')} people={lists.late} now={current} names={names} onChanged={changed} />
          <TodaySection
            id="tests"
            title={t('people.today.tests')}
            empty={t('people.today.testsNone')}
            people={lists.tests}
            now={current}
            names={names}
            onChanged={changed}
            note={(p) => t('people.today.testDue', { date: (testDueBy(p, current.date) ?? '').slice(5) })}
          />
          <TodaySection id="calls" title={t('people.today.calls')} empty={t('people.today.callsNone')} people={lists.calls} now={current} names={names} onChanged={changed} />
        </>
      )}
    </section>
  );
}

interface TodaySectionProps {
  readonly id: string;
  readonly title: string;
  readonly empty: string;
  readonly people: readonly PersonSummary[];
  readonly now: SlotKey;
  readonly names: PlaceNames;
  note?(person: PersonSummary): string;
  onChanged(said: string): void;
}

function TodaySection({ id, title, empty, people, now, names, note, onChanged }: TodaySectionProps) {
  const { t } = useTranslation();
  return (
    <section className="people-section" aria-labelledby={`today-${id}`} data-section={id}>
      <h2 id={`today-${id}`}>
        {title} <span className="count">{people.length}</span>
      </h2>
      {people.length === 0 ? (
        <p className="list-note">{empty}</p>
      ) : (
        <ul className="person-list">
          {people.map((person) => (
            <PersonRow key={person.id} person={person} now={now} place={placeText(person, names, (room) => t('people.room', { room }))} note={note?.(person)} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}

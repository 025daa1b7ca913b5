/**
 * The 14-day strip of one person (Go.Data style): a cell per report slot, morning over evening,
 * day by day. Each state has its colour AND a mark (✓ ! ✕ …) and a pattern, so it reads without
 * colour, and each cell carries its words (date, slot, state, temperature) for screen readers
 * and as a tooltip. Dark marks on light fills keep the app's AA contrast.
 */
import { useTranslation } from 'react-i18next';
import { findSlot, stripDays, type Slot, type SlotName } from './data.ts';

/** The mark each state shows in its cell; a slot outside the period or still to come shows none. */
export const SLOT_MARKS: Readonly<Record<string, string>> = {
  reported_ok: '✓',
  reported_symptoms: '!',
  missed: '✕',
  pending: '…',
};

export interface SlotStripProps {
  readonly slots: readonly Slot[] | undefined;
  /** The period's first day; without one, the strip ends today. */
  readonly start?: string | undefined;
  readonly today: string;
  /** Whose strip, for the list's accessible name. */
  readonly name: string;
}

export function SlotStrip({ slots, start, today, name }: SlotStripProps) {
  const { t } = useTranslation();
  const days = stripDays(start, today);
  return (
    <ol className="slot-strip" aria-label={t('people.strip.label', { name })}>
      {days.map((date) =>
        (['am', 'pm'] as const satisfies readonly SlotName[]).map((slot) => {
          const found = findSlot(slots, { date, slot });
          const state = found?.status ?? (date > today ? 'future' : 'none');
          const words = t('people.strip.cell', {
            date: date.slice(5),
            slot: t(`people.slot.${slot}`),
            state: t(`people.slotStatus.${state}`),
          }) + (found?.temperatureC !== undefined ? t('people.strip.temperature', { value: found.temperatureC }) : '');
          return (
            <li key={`${date}-${slot}`} className="slot-cell" data-state={state} data-date={date} data-slot={slot} data-today={date === today || undefined} title={words}>
              <span aria-hidden="true">{SLOT_MARKS[state] ?? ''}</span>
              <span className="visually-hidden">{words}</span>
            </li>
          );
        }),
      )}
    </ol>
  );
}

/** The legend: each state's mark and words, once above a list of strips. */
export function SlotLegend() {
  const { t } = useTranslation();
  return (
    <ul className="slot-legend" aria-label={t('people.strip.legend')}>
      {Object.entries(SLOT_MARKS).map(([state, mark]) => (
        <li key={state}>
          <span className="slot-cell" data-state={state} aria-hidden="true">{mark}</span> {t(`people.slotStatus.${state}`)}
        </li>
      ))}
    </ul>
  );
}

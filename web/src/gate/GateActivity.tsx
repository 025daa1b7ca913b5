/**
 * What the gate has seen today: the hourly counts as a bar list (plain HTML, no chart library;
 * each bar has its numbers in words for readers), and the latest entries as the API returns
 * them — people masked (张**, ID numbers as their last four), never more.
 */
import { useTranslation } from 'react-i18next';
import type { Entry } from '#shared/schemas/entry.ts';
import { clockTime } from '../tasks/time.ts';
import { chinaHour } from './shift.ts';

interface Hour {
  readonly hour: string;
  readonly in: number;
  readonly out: number;
  readonly refused: number;
  readonly fever: number;
}

export function HourlyBars({ hours }: { hours: readonly Hour[] }) {
  const { t } = useTranslation();
  const shown = hours.filter((h) => h.in + h.out > 0);
  const most = Math.max(1, ...shown.map((h) => h.in + h.out));
  return (
    <section className="card gate-card gate-counts" aria-labelledby="gate-counts-title">
      <h2 id="gate-counts-title">{t('gate.counts.title')}</h2>
      {shown.length === 0 ? (
        <p className="hint">{t('gate.counts.none')}</p>
      ) : (
        <ul className="gate-bars">
          {shown.map((h) => {
            const hour = String(chinaHour(h.hour)).padStart(2, '0');
            return (
              <li key={h.hour} className="gate-bar-row" data-hour={hour}>
                <span className="visually-hidden">{t('gate.counts.row', { hour, in: h.in, out: h.out, refused: h.refused, fever: h.fever })}</span>
                <span className="gate-bar-hour" aria-hidden="true">{t('gate.counts.hour', { hour })}</span>
                <span className="gate-bar-track" aria-hidden="true">
                  <span className="gate-bar gate-bar-in" style={{ width: `${(h.in / most) * 100}%` }} />
                  <span className="gate-bar gate-bar-out" style={{ width: `${(h.out / most) * 100}%` }} />
                </span>
                <span className="gate-bar-count" aria-hidden="true">{t('gate.counts.in')} {h.in} · {t('gate.counts.out')} {h.out}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** How many of the day's latest entries are listed. */
const RECENT = 10;

export function RecentEntries({ entries }: { entries: readonly Entry[] }) {
  const { t, i18n } = useTranslation();
  // The API lists the day in time order: the latest are at its end.
  const latest = entries.slice(-RECENT).reverse();
  return (
    <section className="card gate-card gate-recent" aria-labelledby="gate-recent-title">
      <h2 id="gate-recent-title">{t('gate.recent.title')}</h2>
      {latest.length === 0 ? (
        <p className="hint">{t('gate.recent.none')}</p>
      ) : (
        <ul className="gate-recent-list">
          {latest.map((e) => (
            <li key={e.id} data-entry-id={e.id} data-fever={e.fever || undefined}>
              <span className="gate-recent-time">{clockTime(e.at, i18n.language)}</span>{' '}
              <span>{t(`gate.entry.${e.direction}`)} · {t(`gate.category.${e.category}`)}</span>
              {e.person?.name && <span> · {e.person.name}</span>}
              {e.temperatureC !== undefined && <span> · {e.temperatureC} ℃</span>}
              {e.vehicle && <span> · {e.vehicle.plate}{e.vehicle.occupants !== undefined && ` ${t('gate.recent.occupants', { count: e.vehicle.occupants })}`}</span>}
              {' · '}
              <strong>{e.fever ? t('gate.recent.fever') : t(`gate.recent.${e.outcome}`)}</strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The duty staff member's shift at the exit and the one big button it calls for: 上岗打卡 when a
 * shift of theirs runs and they have not clocked in, 下岗打卡 once they have. The phone's position
 * goes with it (the API measures it against the exit); the time is the server's. Each goes
 * through the outbox, so a clock-in made with no network is kept and shown as 待确认.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shift } from '#shared/schemas/duty.ts';
import { dropWatchedRefusal, failureOf, type OutboxSync } from '../tasks/outbox-sync.ts';
import type { ClockStanding } from './shift.ts';

export type Locate = () => Promise<[number, number]>;

/** The phone's position, once, as [longitude, latitude]. */
export const phonePosition: Locate = () =>
  new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      reject(new Error('no geolocation'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve([position.coords.longitude, position.coords.latitude]),
      reject,
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  });

type Said =
  | { readonly kind: 'locating' }
  | { readonly kind: 'no-position' }
  | { readonly kind: 'sent' | 'queued'; readonly clock: 'in' | 'out' }
  | { readonly kind: 'failed'; readonly reason: string };

function useShiftTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  return (iso) => new Date(iso).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

export function ClockPanel({ standing, relief, exitId, exitName, sync, locate }: {
  standing: ClockStanding | undefined;
  /** The shift that takes over next (shift.ts reliefShift), whoever holds it. */
  relief: Shift | undefined;
  exitId: string;
  exitName: string;
  sync: OutboxSync;
  locate: Locate;
}) {
  const { t } = useTranslation();
  const time = useShiftTime();
  const [said, setSaid] = useState<Said>();
  const span = (shift: Shift) => ({ start: time(shift.start), end: time(shift.end) });

  const clock = async (kind: 'in' | 'out') => {
    setSaid({ kind: 'locating' });
    let position: [number, number];
    try {
      position = await locate();
    } catch {
      setSaid({ kind: 'no-position' });
      return;
    }
    const { entry, settlement } = await sync.submit({ kind: `clock-${kind}`, subject: exitId, body: { position }, label: exitName });
    if (settlement.kind === 'failed') {
      await dropWatchedRefusal(sync, entry);
      const failure = failureOf(settlement.error);
      setSaid({ kind: 'failed', reason: failure.detail ?? failure.title });
    } else {
      setSaid({ kind: settlement.kind, clock: kind });
    }
  };

  const action = standing?.kind === 'on-shift' ? (!standing.clockedIn ? 'in' : !standing.clockedOut ? 'out' : undefined) : undefined;
  return (
    <section className="card gate-card gate-shift" aria-labelledby="gate-shift-title" data-standing={standing?.kind}>
      <h2 id="gate-shift-title">{t('gate.shift.title')}</h2>
      {standing?.kind === 'off-shift' && (
        <>
          <p>{t('gate.shift.off')}</p>
          <p className="hint">{standing.next ? t('gate.shift.next', span(standing.next)) : t('gate.shift.nextNone')}</p>
        </>
      )}
      {standing?.kind === 'on-shift' && (
        <>
          <p>{t('gate.shift.on', span(standing.shift))}</p>
          <p className="gate-clock-state" data-clock={standing.clockedOut ? 'out' : standing.clockedIn ? 'in' : 'none'}>
            <strong>{standing.clockedOut ? t('gate.shift.clockedOut') : standing.clockedIn ? t('gate.shift.clockedIn') : t('gate.shift.notClockedIn')}</strong>
            {standing.unconfirmed && <span className="gate-pending"> {t('gate.shift.unconfirmed')}</span>}
          </p>
        </>
      )}
      {action && (
        <button type="button" className="button gate-big gate-clock" data-clock-action={action} disabled={said?.kind === 'locating'} onClick={() => void clock(action)}>
          {action === 'in' ? t('gate.shift.clockIn') : t('gate.shift.clockOut')}
        </button>
      )}
      {standing && (
        <p className="hint gate-relief" data-relief={relief ? 'known' : 'none'}>
          {relief ? t('gate.shift.relief', { name: relief.personName ?? t('gate.shift.unnamed'), ...span(relief) }) : t('gate.shift.reliefNone')}
        </p>
      )}
      {said?.kind === 'locating' && <p className="hint" role="status">{t('gate.shift.locating')}</p>}
      {said?.kind === 'no-position' && <p className="notice notice-warning" role="alert">{t('gate.shift.noPosition')}</p>}
      {(said?.kind === 'sent' || said?.kind === 'queued') && (
        <p className="notice" role="status" data-clock-said={said.kind}>{t(`gate.shift.${said.kind === 'sent' ? 'done' : 'queued'}.${said.clock}`)}</p>
      )}
      {said?.kind === 'failed' && <p className="notice notice-error" role="alert">{t('gate.shift.failed')} {said.reason}</p>}
    </section>
  );
}

import { describe, expect, it } from 'vitest';
import { alertIdFor, closedAlert, newAlert, type NewAlert } from '#shared/domain/alerts.ts';

const raised: NewAlert = {
  kind: 'fever', source: { type: 'entry', id: 'en_1' }, compoundId: 'c_a', communityId: 'cm1', streetId: 's1',
  exitId: 'e_a1', raisedAt: '2026-11-22T08:00:00.000Z', raisedBy: 'duty-a', details: { temperature: 37.8 },
};

describe('alerts', () => {
  it('take their id from the source, so a retried visit or entry names the same alert', () => {
    expect(newAlert(raised).id).toBe(newAlert({ ...raised, raisedAt: '2026-11-22T08:00:05.000Z' }).id);
    expect(alertIdFor({ type: 'entry', id: 'en_1' })).not.toBe(alertIdFor({ type: 'entry', id: 'en_2' }));
    expect(alertIdFor({ type: 'entry', id: 'x' })).not.toBe(alertIdFor({ type: 'visit', id: 'x' }));
  });

  it('open when raised and close once, with what was done', () => {
    const alert = newAlert(raised);
    expect(alert.status).toBe('open');
    const closed = closedAlert(alert, { at: '2026-11-22T09:00:00.000Z', by: 'community-cm1', note: '已闭环转运定点医院' });
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'community-cm1', closeNote: '已闭环转运定点医院' });
    expect('code' in closed ? closed : closedAlert(closed, { at: '2026-11-22T10:00:00.000Z', by: 'x', note: 'y' }))
      .toMatchObject({ code: 'already-closed', message: `alert ${alert.id} was closed by community-cm1 at 2026-11-22T09:00:00.000Z` });
  });
});

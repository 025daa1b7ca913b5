/**
 * Emergency help (紧急救助) on DynamoDB Local through the local API: any staff member records a
 * request within jurisdiction (403 outside, 400 naming the field), the community's help alert is
 * raised with it (urgency in its details; one alert under resends of one requestId, 409 for the
 * id reused for another request), the lists by community, compound and status, masking for
 * officials, and closing with what was done closing the alert too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';

const START = Date.parse('2026-11-22T08:00:00.000Z');

let stack: TestStack;
beforeAll(async () => {
  stack = await startExitStack(() => START);
});
afterAll(() => stack.stop());

const ask = (extra: Record<string, unknown> = {}) => ({
  compoundId: 'c_a', buildingId: 'b_a1', kind: 'medicine', urgency: 'high', note: '2单元301 王大爷 降压药断了，电话 13800001234', ...extra,
});

async function helpAlerts(): Promise<Record<string, unknown>[]> {
  const page = await expectStatus(await (await stack.as('community-cm1')).get('/v1/alerts?kind=help'), 200);
  return page.items as Record<string, unknown>[];
}

describe('recording a help request', () => {
  it('raises one high-urgency help alert for the community, however often the phone resends', async () => {
    const grid = await stack.as('grid-g1');
    const first = await expectStatus(await grid.post('/v1/help-requests', ask({ requestId: 'hr-1' })), 201);
    expect(first).toMatchObject({ id: 'hr-1', status: 'open', kind: 'medicine', urgency: 'high', via: 'staff', raisedBy: 'grid-g1', communityId: 'cm1' });
    const again = await expectStatus(await grid.post('/v1/help-requests', ask({ requestId: 'hr-1' })), 201);
    expect(again).toEqual(first);
    const alerts = (await helpAlerts()).filter((a) => (a.details as Record<string, unknown>).helpRequestId === 'hr-1');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: first.alertId, status: 'open', compoundId: 'c_a', buildingId: 'b_a1', raisedAt: '2026-11-22T08:00:00.000Z' });
    expect(alerts[0]?.details).toEqual({ help: 'medicine', urgency: 'high', via: 'staff', helpRequestId: 'hr-1' });
  });

  it('answers 409 for a requestId reused for another request', async () => {
    const res = await (await stack.as('grid-g1')).post('/v1/help-requests', ask({ requestId: 'hr-1', kind: 'medical' }));
    expect(res.status).toBe(409);
  });

  it('lets duty staff ask at their own compound and refuses a compound outside the jurisdiction', async () => {
    await expectStatus(await (await stack.as('duty-a')).post('/v1/help-requests', ask({ requestId: 'hr-2', urgency: 'normal', kind: 'other', note: '需要送菜' })), 201);
    const outside = await (await stack.as('grid-g1')).post('/v1/help-requests', ask({ requestId: 'hr-3', compoundId: 'c_d', buildingId: undefined }));
    expect(outside.status).toBe(403);
  });

  it('answers 400 naming the fields', async () => {
    const res = await (await stack.as('grid-g1')).post('/v1/help-requests', { compoundId: 'c_a', kind: 'pizza', urgency: 'soon' });
    const problem = await expectStatus(res, 400);
    const fields = (problem.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['body.kind', 'body.note', 'body.urgency']);
    const noBuilding = await (await stack.as('grid-g1')).post('/v1/help-requests', ask({ requestId: 'hr-4', buildingId: 'b_nowhere' }));
    expect(noBuilding.status).toBe(404);
  });
});

describe('the lists and closing', () => {
  it('lists the community\'s requests open first, by compound and status, masking notes for officials', async () => {
    const admin = await stack.as('community-cm1');
    const all = (await expectStatus(await admin.get('/v1/help-requests'), 200)).items as Record<string, unknown>[];
    expect(all.map((r) => r.id).sort()).toEqual(['hr-1', 'hr-2']);
    expect(all.find((r) => r.id === 'hr-1')?.note).toContain('13800001234');
    const ofCompound = (await expectStatus(await admin.get('/v1/help-requests?compoundId=c_a&status=open'), 200)).items as unknown[];
    expect(ofCompound).toHaveLength(2);
    const official = (await expectStatus(await (await stack.as('official-s1')).get('/v1/help-requests'), 200)).items as Record<string, unknown>[];
    expect(official.find((r) => r.id === 'hr-1')?.note).not.toContain('13800001234');
    expect((await (await stack.as('community-cm3')).get('/v1/help-requests?compoundId=c_a')).status).toBe(403);
    expect((await expectStatus(await (await stack.as('community-cm3')).get('/v1/help-requests'), 200)).items).toEqual([]);
  });

  it('closes a request with what was done, and its alert with it, once', async () => {
    const grid = await stack.as('grid-g1');
    const closed = await expectStatus(await grid.post('/v1/help-requests/hr-1/close', { note: '已代购降压药送到家' }), 200);
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'grid-g1', closeNote: '已代购降压药送到家' });
    const alert = (await helpAlerts()).find((a) => a.id === closed.alertId);
    expect(alert).toMatchObject({ status: 'closed', closeNote: '已代购降压药送到家' });
    expect((await grid.post('/v1/help-requests/hr-1/close', { note: 'again' })).status).toBe(409);
    expect((await grid.post('/v1/help-requests/hr-nope/close', { note: 'x' })).status).toBe(404);
    expect((await (await stack.as('community-cm3')).post('/v1/help-requests/hr-2/close', { note: 'x' })).status).toBe(403);
    const open = (await expectStatus(await grid.get('/v1/help-requests?status=open'), 200)).items as Record<string, unknown>[];
    expect(open.map((r) => r.id)).toEqual(['hr-2']);
  });
});

describe('a resident asking through their report link', () => {
  it('raises the community\'s help alert at the person\'s building, once per requestId, answering no place or person', async () => {
    const enrolled = await expectStatus(await (await stack.as('community-cm1')).post('/v1/people', {
      name: '刘居家', compoundId: 'c_a', buildingId: 'b_a2', room: '1单元101', category: 'home_quarantine', reason: '居家隔离',
    }), 201);
    const token = enrolled.reportToken as string;
    const body = { requestId: 'hr-r1', kind: 'medical', urgency: 'high', note: '发烧39度，需要医生' };
    const answer = await expectStatus(await stack.anonymous().post(`/public/reports/${token}/help`, body), 201);
    expect(answer).toEqual({ id: 'hr-r1', kind: 'medical', urgency: 'high', status: 'open', raisedAt: '2026-11-22T08:00:00.000Z' });
    await expectStatus(await stack.anonymous().post(`/public/reports/${token}/help`, body), 201);
    const listed = (await expectStatus(await (await stack.as('community-cm1')).get('/v1/help-requests?compoundId=c_a'), 200)).items as Record<string, unknown>[];
    expect(listed.find((r) => r.id === 'hr-r1')).toMatchObject({ via: 'resident_link', personId: enrolled.id, buildingId: 'b_a2', raisedBy: 'self' });
    expect((await helpAlerts()).filter((a) => (a.details as Record<string, unknown>).helpRequestId === 'hr-r1')).toHaveLength(1);
    expect((await stack.anonymous().post('/public/reports/R1.r.nobody.zzzzzz.AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA/help', body)).status).toBe(404);
    expect((await stack.anonymous().post(`/public/reports/${token}/help`, { kind: 'pizza', urgency: 'high' })).status).toBe(400);
  });
});

/**
 * Who may close which alert (issue 13, defect 8a). A lockdown suggestion has one action —
 * sealing the compound — so only the roles that may seal (city staff, the community) may close
 * it; officials see it waiting on them, as the board shows. Fever and symptom alerts stay
 * closable by every overseer in jurisdiction, officials included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAlert } from '#shared/domain/alerts.ts';
import type { Alert, AlertKind } from '#shared/schemas/alert.ts';
import { alertOps } from '#functions/stores/alert-store.ts';
import { transactWrite } from '#functions/platform/table.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { tableFingerprint } from '../support/table-scan.ts';

let stack: TestStack;
const inCm1 = { compoundId: 'c_a', communityId: 'cm1', streetId: 's1' };

/** The alert as its writer raises it (a case report, an entry), the same ops put in directly. */
async function raise(kind: AlertKind, sourceId: string): Promise<Alert> {
  const source = kind === 'lockdown_suggested' ? { type: 'case' as const, id: sourceId } : { type: 'entry' as const, id: sourceId };
  const alert = newAlert({ kind, source, ...inCm1, raisedAt: '2026-11-22T08:00:00.000Z', raisedBy: 'city', details: {} });
  await transactWrite(alertOps(alert, { username: 'city', role: 'city' }));
  return alert;
}

const close = async (username: string, alert: Alert) =>
  (await stack.as(username)).post(`/v1/alerts/${alert.id}/close`, { note: '已处置' });

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
});
afterAll(() => stack.stop());

describe('closing a lockdown suggestion', () => {
  it('is refused to officials, street-bound or city-wide, with 403 and nothing written', async () => {
    const suggestion = await raise('lockdown_suggested', 'cs_official');
    const before = await tableFingerprint();
    for (const official of ['official-s1', 'official-city']) {
      const res = await close(official, suggestion);
      expect(res.status, await res.clone().text()).toBe(403);
      expect(((await res.json()) as { type: string }).type).toBe('/problems/forbidden');
    }
    expect(await tableFingerprint()).toBe(before);
  });

  it('is open to city staff and to the community, who may seal the compound', async () => {
    for (const username of ['city', 'community-cm1']) {
      const suggestion = await raise('lockdown_suggested', `cs_${username}`);
      const res = await close(username, suggestion);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'closed', closedBy: username });
    }
  });
});

describe('closing other alerts', () => {
  it('stays open to officials in their jurisdiction', async () => {
    const fever = await raise('fever', 'en_fever');
    const res = await close('official-s1', fever);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'closed', closedBy: 'official-s1' });
  });
});

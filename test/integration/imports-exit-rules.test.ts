import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recheckDue } from '#functions/jobs/recheck-exits.ts';
import { nowIso } from '#functions/platform/clock.ts';
import { compoundIdFor } from '#shared/domain/compounds.ts';
import { memberId } from '#shared/domain/ids.ts';
import type { ImportSummary } from '#shared/schemas/imports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanAll, seedPlaces, users } from './imports-support.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users, seed: seedPlaces });
});
afterAll(() => stack.stop());

async function importCsv(kind: 'compounds' | 'exits', lines: readonly string[]): Promise<ImportSummary> {
  const client = await stack.as('city1');
  const response = await client.request('POST', `/v1/imports?kind=${kind}`, { raw: `${lines.join('\n')}\n`, contentType: 'text/csv' });
  const body = (await response.json()) as ImportSummary;
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(body.rejects).toEqual([]);
  return body;
}

const COMPOUNDS = 'external_id,name,lng,lat,status,area_m2';
const compounds = (lockdownC: boolean) => [
  COMPOUNDS,
  'R-A,规则甲小区,112.52,31.15,closed,50000',
  'R-B,规则乙小区,112.53,31.16,closed,50000',
  `R-C,规则丙小区,112.54,31.17,${lockdownC ? 'lockdown' : 'closed'},50000`,
];

const EXITS = 'external_id,compound_external_id,name,kind,status,lng,lat';
const exitRow = (externalId: string, compound: string, name: string, status: string, lng: number, lat: number) =>
  `${externalId},${compound},${name},mixed,${status},${lng},${lat}`;
/** An exit's id: its external id within its compound (RA-1 is R-A's, BULK-E7 is BULK-C7's). */
const exitId = (externalId: string) => {
  const compound = externalId.startsWith('BULK-E') ? externalId.replace('BULK-E', 'BULK-C') : `R-${externalId.charAt(1)}`;
  return memberId('exit', compoundIdFor({ externalId: compound, name: '' }, [0, 0]), { externalId, name: '' }, [0, 0]);
};

interface Unresolved {
  id: string;
  since: string;
  reasons: { code: string; since: string }[];
}

/** Every unresolved exit, all pages. */
async function unresolved(): Promise<Map<string, Unresolved>> {
  const client = await stack.as('city1');
  const found = new Map<string, Unresolved>();
  let token: string | undefined;
  do {
    const response = await client.get(`/v1/exits?status=unresolved&limit=100${token ? `&nextToken=${token}` : ''}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: Unresolved[]; nextToken?: string };
    for (const item of body.items) found.set(item.id, item);
    token = body.nextToken;
  } while (token);
  return found;
}
const codesOf = async (id: string) => (await unresolved()).get(id)?.reasons.map((r) => r.code);

async function exitDetail(id: string): Promise<{ name: string; status: string; sealing?: { method: string }; main?: boolean; unresolved: boolean }> {
  const response = await (await stack.as('city1')).get(`/v1/exits/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Awaited<ReturnType<typeof exitDetail>>;
}

describe('imports keep the exit rules current', () => {
  beforeAll(async () => {
    await importCsv('compounds', compounds(false));
    await importCsv('exits', [
      EXITS,
      exitRow('RA-1', 'R-A', '甲南门', 'open', 112.52, 31.149),
      exitRow('RA-2', 'R-A', '甲北门', 'sealed', 112.52, 31.151),
      exitRow('RB-1', 'R-B', '乙南门', 'open', 112.53, 31.159),
      exitRow('RC-1', 'R-C', '丙南门', 'open', 112.54, 31.169),
    ]);
  });

  it('judges imported exits at once: an unconfirmed sealing and an open exit without duty are listed', async () => {
    expect(await codesOf(exitId('RA-2'))).toEqual(['seal_unconfirmed']);
    expect(await codesOf(exitId('RA-1'))).toEqual(['no_duty_coverage']);
  });

  it('keeps a confirmed sealing, the main checkpoint and an unresolved standing through a re-import', async () => {
    const client = await stack.as('city1');
    const confirmed = await client.patch(`/v1/exits/${exitId('RA-2')}`, { sealing: { method: 'lock', confirmedAt: new Date().toISOString() } });
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    expect((await client.patch(`/v1/exits/${exitId('RA-1')}`, { main: true })).status).toBe(200);
    expect((await unresolved()).has(exitId('RA-2'))).toBe(false);
    const before = (await unresolved()).get(exitId('RA-1'));
    expect(before?.reasons.map((r) => r.code)).toEqual(['no_duty_coverage']);

    // New names, same statuses: what only the table holds must survive.
    const summary = await importCsv('exits', [
      EXITS,
      exitRow('RA-1', 'R-A', '甲南门（新）', 'open', 112.52, 31.149),
      exitRow('RA-2', 'R-A', '甲北门（新）', 'sealed', 112.52, 31.151),
    ]);
    expect(summary.updated).toBe(2);

    const sealed = await exitDetail(exitId('RA-2'));
    expect(sealed.name).toBe('甲北门（新）');
    expect(sealed.sealing?.method).toBe('lock');
    expect(sealed.unresolved).toBe(false);
    const main = await exitDetail(exitId('RA-1'));
    expect(main.name).toBe('甲南门（新）');
    expect(main.main).toBe(true);
    const after = (await unresolved()).get(exitId('RA-1'));
    expect(after?.reasons.map((r) => r.code)).toEqual(['no_duty_coverage']);
    expect(after?.since).toBe(before?.since);
  });

  it('drops the sealing of an exit the import opens, and judges it as open', async () => {
    await importCsv('exits', [EXITS, exitRow('RA-2', 'R-A', '甲北门（新）', 'open', 112.52, 31.151)]);
    const opened = await exitDetail(exitId('RA-2'));
    expect(opened.status).toBe('open');
    expect(opened.sealing).toBeUndefined();
    // RA-1 is the main checkpoint, so RA-2 is the surplus one.
    expect(await codesOf(exitId('RA-2'))).toEqual(['surplus_open_exit', 'no_duty_coverage']);
    const audits = (await scanAll()).filter((i) => i.type === 'audit' && i.entityId === exitId('RA-2') && i.action === 'update');
    expect(audits.some((a) => JSON.stringify(a.changes).includes('"sealing"'))).toBe(true);

    // Sealed again by a later import: the old confirmation does not come back.
    await importCsv('exits', [EXITS, exitRow('RA-2', 'R-A', '甲北门（新）', 'sealed', 112.52, 31.151)]);
    expect((await exitDetail(exitId('RA-2'))).sealing).toBeUndefined();
    expect(await codesOf(exitId('RA-2'))).toEqual(['seal_unconfirmed']);
  });

  it('lists a surplus open exit imported into a compound under closed management', async () => {
    // RB-1 is the compound's main checkpoint, so the new open exit is the surplus one.
    expect((await (await stack.as('city1')).patch(`/v1/exits/${exitId('RB-1')}`, { main: true })).status).toBe(200);
    expect((await unresolved()).has(exitId('RB-2'))).toBe(false);
    await importCsv('exits', [EXITS, exitRow('RB-2', 'R-B', '乙北门', 'open', 112.53, 31.161)]);
    expect(await codesOf(exitId('RB-2'))).toEqual(['surplus_open_exit', 'no_duty_coverage']);
    expect(await codesOf(exitId('RB-1'))).toEqual(['no_duty_coverage']);
  });

  it('makes the open exits of a compound the import puts in lockdown unresolved with open_in_lockdown', async () => {
    expect(await codesOf(exitId('RC-1'))).toEqual(['no_duty_coverage']);
    const summary = await importCsv('compounds', compounds(true));
    expect(summary.updated).toBe(3);
    expect(await codesOf(exitId('RC-1'))).toEqual(['no_duty_coverage', 'open_in_lockdown']);
    // The compounds whose rule inputs did not change keep their exits' standing as it was.
    expect(await codesOf(exitId('RB-2'))).toEqual(['surplus_open_exit', 'no_duty_coverage']);
  });

  it('lets only city staff lift by import, as by the lift route: a community admin\'s row that would is rejected', async () => {
    const before = await scanAll();
    const response = await (await stack.as('comm1')).request('POST', '/v1/imports?kind=compounds', {
      raw: `${COMPOUNDS}\nR-C,规则丙小区,112.54,31.17,normal,50000\n`, contentType: 'text/csv',
    });
    const body = (await response.json()) as ImportSummary;
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.rejects).toHaveLength(1);
    expect(body.rejects[0]?.reason).toContain('status');
    expect(await scanAll()).toEqual(before);
    const exit = (await exitDetail(exitId('RC-1'))) as Awaited<ReturnType<typeof exitDetail>> & { compoundStatus: string };
    expect(exit.compoundStatus).toBe('lockdown');
  });

  it('leaves the rule groups due for nobody once the import has judged them', async () => {
    const rules = (await scanAll()).filter((i) => i.type === 'exit-rules');
    expect(rules.length).toBeGreaterThanOrEqual(3);
    // Judged: due only when a time-based rule can next change (no shifts here: never).
    expect(rules.filter((r) => r.nextCheckAt !== undefined)).toEqual([]);
  });
});

describe('an import that touches more rule groups than it judges', () => {
  const count = 260;
  const ids = Array.from({ length: count }, (_, i) => exitId(`BULK-E${i}`));
  const at = (i: number): [number, number] => [112.56 + (i % 20) * 0.002, 31.11 + Math.floor(i / 20) * 0.002];

  it('leaves the rest due, and the recheck job lists them', async () => {
    await importCsv('compounds', [COMPOUNDS, ...ids.map((_, i) => `BULK-C${i},批量小区${i},${at(i)[0]},${at(i)[1]},closed,50000`)]);
    await importCsv('exits', [EXITS, ...ids.map((_, i) => exitRow(`BULK-E${i}`, `BULK-C${i}`, `批量门${i}`, 'open', at(i)[0], at(i)[1] - 0.0005))]);
    const listed = (list: Map<string, Unresolved>) => ids.filter((id) => list.get(id)?.reasons.some((r) => r.code === 'no_duty_coverage'));
    const judgedAtOnce = listed(await unresolved()).length;
    expect(judgedAtOnce).toBeGreaterThan(0);
    expect(judgedAtOnce).toBeLessThan(count);

    const checked = await recheckDue(nowIso());
    expect(checked.due).toBe(count - judgedAtOnce);
    expect(listed(await unresolved())).toHaveLength(count);
  });
});

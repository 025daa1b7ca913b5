/**
 * A compound's name, places and area are what the unresolved exits list shows and what the rules
 * read: a PATCH and the assign worker have its exits judged again in the same step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCompound } from '#functions/stores/compound-store.ts';
import { communityItem, putPlaces } from '#functions/stores/places-store.ts';
import { assignUnassigned } from '#functions/workers/assign-compounds.ts';
import { compoundIdFor } from '#shared/domain/compounds.ts';
import type { UnresolvedExit } from '#shared/schemas/exit.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { seedPlaces, users } from './imports-support.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users, seed: seedPlaces });
  const client = await stack.as('city1');
  const importCsv = async (kind: string, lines: readonly string[]) => {
    const response = await client.request('POST', `/v1/imports?kind=${kind}`, { raw: `${lines.join('\n')}\n`, contentType: 'text/csv' });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.rejects).toEqual([]);
  };
  // X-A in cm1 (large: two open exits allowed), X-U outside every community (unassigned).
  await importCsv('compounds', [
    'external_id,name,lng,lat,status,area_m2',
    'X-A,出口甲小区,112.52,31.15,closed,400000',
    'X-U,无主小区,112.80,31.15,closed,50000',
  ]);
  await importCsv('exits', [
    'external_id,compound_external_id,name,kind,status,lng,lat',
    'XA-1,X-A,甲南门,mixed,open,112.52,31.149',
    'XA-2,X-A,甲北门,mixed,open,112.52,31.151',
    'XU-1,X-U,无主南门,mixed,open,112.80,31.149',
  ]);
});
afterAll(() => stack.stop());

const idOf = (externalId: string) => compoundIdFor({ externalId, name: '' }, [0, 0]);

/** The unresolved exits of a compound, as the list shows them (all pages). */
async function listed(compoundExternalId: string, query = ''): Promise<UnresolvedExit[]> {
  const client = await stack.as('city1');
  const found: UnresolvedExit[] = [];
  let token: string | undefined;
  do {
    const response = await client.get(`/v1/exits?status=unresolved&limit=100${query}${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: UnresolvedExit[]; nextToken?: string };
    found.push(...body.items.filter((e) => e.compoundId === idOf(compoundExternalId)));
    token = body.nextToken;
  } while (token);
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

describe('a compound change judges its exits again', () => {
  it('PATCH: a new name and community show in the unresolved list at once, and a smaller area adds surplus_open_exit', async () => {
    const before = await listed('X-A');
    expect(before.map((e) => [e.compoundName, e.communityId, e.reasons.map((r) => r.code)])).toEqual([
      ['出口甲小区', 'cm1', ['no_duty_coverage']],
      ['出口甲小区', 'cm1', ['no_duty_coverage']],
    ]);
    const admin = await stack.as('city1');
    const renamed = await admin.patch(`/v1/compounds/${idOf('X-A')}`, { name: '出口新名小区', communityId: 'cm2' });
    expect(renamed.status, await renamed.clone().text()).toBe(200);
    const after = await listed('X-A');
    expect(after.map((e) => [e.compoundName, e.communityId, e.streetId])).toEqual([
      ['出口新名小区', 'cm2', 's1'],
      ['出口新名小区', 'cm2', 's1'],
    ]);
    // The community filter reads the index the judgement rewrote.
    expect(await listed('X-A', '&communityId=cm2')).toHaveLength(2);
    expect(await listed('X-A', '&communityId=cm1')).toEqual([]);

    const shrunk = await admin.patch(`/v1/compounds/${idOf('X-A')}`, { areaM2: 50_000 });
    expect(shrunk.status).toBe(200);
    const codes = (await listed('X-A')).flatMap((e) => e.reasons.map((r) => r.code));
    expect(codes.filter((c) => c === 'surplus_open_exit')).toHaveLength(1);
  });

  it('the assign worker: a compound placed in a community is listed under it at once', async () => {
    expect((await listed('X-U')).map((e) => [e.communityId, e.streetId])).toEqual([[null, null]]);
    await putPlaces([communityItem({ id: 'cm-east', name: '东湖社区', streetId: 's1', boundary: {
      type: 'Polygon', coordinates: [[[112.75, 31.1], [112.85, 31.1], [112.85, 31.2], [112.75, 31.2], [112.75, 31.1]]],
    } })]);
    expect(await assignUnassigned({ reason: 'test' })).toMatchObject({ assigned: 1, conflicts: 0 });
    expect(await getCompound(idOf('X-U'))).toMatchObject({ communityId: 'cm-east', unassigned: false });
    expect((await listed('X-U')).map((e) => [e.compoundName, e.communityId, e.streetId])).toEqual([['无主小区', 'cm-east', 's1']]);
    expect(await listed('X-U', '&communityId=cm-east')).toHaveLength(1);
  });
});

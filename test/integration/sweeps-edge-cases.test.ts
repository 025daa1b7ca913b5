/**
 * Edge cases of the sweep routes: jurisdiction on campaigns that span several grids and
 * communities, bad input that must answer 4xx naming the field, and exact counters when a
 * household's outcome changes or two visits to it race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildingItem } from '#functions/stores/compound-store.ts';
import { batchWrite } from '#functions/platform/table.ts';
import type { Coverage } from '#shared/schemas/campaign.ts';
import type { Task, TaskSummary } from '#shared/schemas/task.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { tableFingerprint } from '../support/table-scan.ts';
import { SWEEP_QUEUES, campaignOf, json, launchAndDrain, seedSweepCity, sweepUsers } from './sweep-support.ts';

/** The sweep city plus one building in no grid in each of cm1 (c_a) and cm2 (c_d0). */
async function seed(): Promise<void> {
  await seedSweepCity();
  const unplaced = (id: string, compoundId: string, location: [number, number]) => buildingItem({
    id, compoundId, name: '无网格楼', gridId: null, units: 1, floors: 1, householdsPerFloor: 3, households: 3,
    location, geometry: null, updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'system:test',
  });
  await batchWrite([unplaced('b_u1', 'c_a', [112.512, 31.112]), unplaced('b_u2', 'c_d0', [112.5525, 31.1025])]);
}

let stack: TestStack;
let streetCampaign: string;
let cityCampaign: string;

beforeAll(async () => {
  stack = await startTestStack({ users: sweepUsers, seed: seed, queueOptions: SWEEP_QUEUES });
  const city = await stack.as('city');
  streetCampaign = (await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'street', id: 's1' } })).id;
  cityCampaign = (await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'city' } })).id;
});
afterAll(() => stack.stop());

const WHOLE = '112.49,31.09,112.66,31.16';

describe('jurisdiction over a campaign spanning grids and communities', () => {
  it('shows a grid worker only the own grid\'s buildings and coverage', async () => {
    const worker = await stack.as('grid-g1');
    for (const id of [streetCampaign, cityCampaign]) {
      const unvisited = await json<{ features: { properties: { gridId: string } }[] }>(await worker.get(`/v1/campaigns/${id}/unvisited-buildings?bbox=${WHOLE}`));
      expect(unvisited.features.length).toBeGreaterThan(0);
      expect(unvisited.features.every((f) => f.properties.gridId === 'g1')).toBe(true);
      for (const by of ['compound', 'grid', 'community']) {
        const coverage = await json<{ items: Coverage[] }>(await worker.get(`/v1/campaigns/${id}/coverage?by=${by}`));
        expect(coverage.items.every((c) => c.level !== 'grid' || c.id === 'g1'), by).toBe(true);
        expect(coverage.items.every((c) => c.level !== 'community' || c.id === 'cm1'), by).toBe(true);
        expect(coverage.items.every((c) => c.level !== 'compound' || c.id === 'c_a'), by).toBe(true);
      }
      const tasks = await json<{ items: TaskSummary[] }>(await worker.get(`/v1/tasks?campaignId=${id}`));
      expect(tasks.items.every((t) => t.gridId === 'g1')).toBe(true);
    }
  });

  it('lets a grid worker follow a compound campaign in the own grid, whose tasks are theirs', async () => {
    const id = (await launchAndDrain(stack, await stack.as('community-cm1'), { kind: 'sweep', scope: { type: 'compound', id: 'c_a' } })).id;
    const worker = await stack.as('grid-g1');
    const tasks = await json<{ items: TaskSummary[] }>(await worker.get(`/v1/tasks?campaignId=${id}`));
    expect(tasks.items.length).toBeGreaterThan(0);
    expect((await worker.get(`/v1/campaigns/${id}`)).status).toBe(200);
    expect((await (await stack.as('grid-g2')).get(`/v1/campaigns/${id}`)).status).toBe(403);
  });

  it('shows a community admin only the own community', async () => {
    const admin = await stack.as('community-cm2');
    for (const id of [streetCampaign, cityCampaign]) {
      const unvisited = await json<{ features: { properties: { compoundId: string } }[] }>(await admin.get(`/v1/campaigns/${id}/unvisited-buildings?bbox=${WHOLE}`));
      expect(unvisited.features.every((f) => f.properties.compoundId.startsWith('c_d'))).toBe(true);
      for (const by of ['compound', 'grid', 'community']) {
        const coverage = await json<{ items: Coverage[] }>(await admin.get(`/v1/campaigns/${id}/coverage?by=${by}`));
        expect(coverage.items.length, by).toBeGreaterThan(0);
        expect(coverage.items.every((c) => !['g1', 'cm1', 'c_a', 'UNASSIGNED'].includes(c.id)), `${by} ${JSON.stringify(coverage.items.map((c) => c.id))}`).toBe(true);
      }
      const tasks = await json<{ items: TaskSummary[] }>(await admin.get(`/v1/tasks?campaignId=${id}&limit=1000`));
      expect(tasks.items.every((t) => t.communityId === 'cm2')).toBe(true);
    }
    const other = await stack.as('community-cm3');
    expect((await other.get(`/v1/campaigns/${streetCampaign}`)).status).toBe(403);
    expect((await other.get(`/v1/campaigns/${streetCampaign}/coverage?by=grid`)).status).toBe(403);
    expect((await other.get(`/v1/campaigns/${streetCampaign}/unvisited-buildings?bbox=${WHOLE}`)).status).toBe(403);
    expect((await other.get(`/v1/tasks/${streetCampaign}.b_a1`)).status).toBe(403);
  });
});

describe('a community admin listing a city campaign\'s tasks', () => {
  it('reads the own community\'s grids, so no page comes back empty while more follow', async () => {
    const admin = await stack.as('community-cm1');
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await json<{ items: TaskSummary[]; nextToken?: string }>(
        await admin.get(`/v1/tasks?campaignId=${cityCampaign}&limit=1${token ? `&nextToken=${token}` : ''}`),
      );
      pages.push(page.items.map((t) => t.buildingId ?? ''));
      token = page.nextToken;
    } while (token && pages.length < 30);
    expect(pages.flat().sort()).toEqual(['b_a1', 'b_a2', 'b_u1']);
    expect(pages.slice(0, 3).every((p) => p.length === 1)).toBe(true);
    expect(pages.length).toBeLessThanOrEqual(4);
  });
});

describe('the pooled UNASSIGNED coverage of buildings in no grid', () => {
  it('is shown whole to those who hold the scope, and to no community admin of a wider campaign', async () => {
    const grids = async (user: string, id: string) =>
      (await json<{ items: Coverage[] }>(await (await stack.as(user)).get(`/v1/campaigns/${id}/coverage?by=grid`))).items;
    expect((await grids('city', cityCampaign)).find((c) => c.id === 'UNASSIGNED')).toMatchObject({ buildings: 2, households: 6 });
    expect((await grids('official-s1', streetCampaign)).find((c) => c.id === 'UNASSIGNED')).toMatchObject({ buildings: 2, households: 6 });
    for (const admin of ['community-cm1', 'community-cm2']) {
      for (const id of [cityCampaign, streetCampaign]) expect((await grids(admin, id)).map((c) => c.id), admin).not.toContain('UNASSIGNED');
    }
  });
});

describe('bad input answers 4xx naming the field', () => {
  it('for lists, maps and launches', async () => {
    const city = await stack.as('city');
    const before = await tableFingerprint();
    const cases: [Promise<Response>, string][] = [
      [city.get(`/v1/campaigns/${streetCampaign}/unvisited-buildings?bbox=garbage`), 'query.bbox'],
      [city.get(`/v1/campaigns/${streetCampaign}/unvisited-buildings?bbox=73,18,135,54`), 'query.bbox'],
      [city.get(`/v1/campaigns/${streetCampaign}/unvisited-buildings?bbox=1,2,3`), 'query.bbox'],
      [city.get(`/v1/campaigns/${streetCampaign}/unvisited-buildings`), 'query.bbox'],
      [city.get(`/v1/campaigns/${streetCampaign}/unvisited-buildings?bbox=${WHOLE}&nextToken=garbage`), 'query.nextToken'],
      [city.get(`/v1/campaigns/${streetCampaign}/unvisited-buildings?bbox=${WHOLE}&nextToken=${Buffer.from(JSON.stringify({ s: 0, k: 7 })).toString('base64url')}`), 'query.nextToken'],
      [city.get(`/v1/campaigns/${streetCampaign}/coverage?by=grid&nextToken=${Buffer.from(JSON.stringify({ s: 0, k: { pk: 'X', sk: 'Y' } })).toString('base64url')}`), 'query.nextToken'],
      [city.get(`/v1/campaigns?nextToken=${Buffer.from(JSON.stringify({ s: 5, k: 'x' })).toString('base64url')}`), 'query.nextToken'],
      [city.get(`/v1/tasks?campaignId=${streetCampaign}&nextToken=${Buffer.from(JSON.stringify({ s: 0, k: { pk: 1 } })).toString('base64url')}`), 'query.nextToken'],
      [city.get('/v1/campaigns?nextToken=%%%'), 'query.nextToken'],
      [city.get(`/v1/campaigns/${streetCampaign}/coverage?by=street`), 'query.by'],
      [city.post('/v1/campaigns', { kind: 'sweep', scope: { type: 'community', id: 'cm1' }, dueAt: '2020-01-01T00:00:00Z' }), 'body.dueAt'],
      [city.post('/v1/campaigns', { kind: 'sweep', scope: { type: 'community', id: 'cm1' }, dueAt: 'tomorrow' }), 'body.dueAt'],
    ];
    const answers = await Promise.all(cases.map(async ([pending, field]) => {
      const response = await pending;
      const text = await response.text();
      return response.status === 400 && text.includes(field) ? 'ok' : `${field}: ${response.status} ${text}`;
    }));
    expect(answers.filter((a) => a !== 'ok')).toEqual([]);
    expect(await tableFingerprint()).toBe(before);
  });
});

describe('visits', () => {
  const task = () => `${cityCampaign}.b_a2`;
  it('rejects a negative or huge peopleSeen and an unknown household', async () => {
    const worker = await stack.as('grid-g1');
    expect((await worker.post(`/v1/tasks/${task()}/claim`)).status).toBe(200);
    for (const [body, field] of [
      [{ visitId: 'r1', householdId: '1-1-101', outcome: 'seen_all', peopleSeen: -1 }, 'body.peopleSeen'],
      [{ visitId: 'r1', householdId: '1-1-101', outcome: 'seen_all', peopleSeen: 1e12 }, 'body.peopleSeen'],
      [{ visitId: 'r1', householdId: '1-1-101', outcome: 'seen_all', peopleSeen: 1.5 }, 'body.peopleSeen'],
      [{ visitId: 'r1', householdId: '2-1-101', outcome: 'seen_all', peopleSeen: 1 }, 'body.householdId'],
      [{ visitId: 'r1', householdId: '1-1-101', outcome: 'seen_all', peopleSeen: 1, symptoms: ['fever', 'fever'] }, 'body.symptoms'],
    ] as const) {
      const response = await worker.post(`/v1/tasks/${task()}/visits`, body);
      const text = await response.text();
      expect(response.status, text).toBe(400);
      expect(text).toContain(field);
    }
  });

  it('keeps every level exact when a no-answer becomes seen, and when two visits to a household race', async () => {
    const worker = await stack.as('grid-g1');
    const post = (body: unknown) => worker.post(`/v1/tasks/${task()}/visits`, body);
    expect((await post({ visitId: 'x1', householdId: '1-1-101', outcome: 'no_answer', peopleSeen: 0 })).status).toBe(201);
    expect((await post({ visitId: 'x2', householdId: '1-1-101', outcome: 'seen_some', peopleSeen: 2 })).status).toBe(201);
    expect((await post({ visitId: 'x3', householdId: '1-1-101', outcome: 'seen_all', peopleSeen: 4 })).status).toBe(201);
    expect((await post({ visitId: 'x4', householdId: '1-1-101', outcome: 'no_answer', peopleSeen: 0 })).status).toBe(201);
    const racing = await Promise.all([
      post({ visitId: 'y1', householdId: '1-1-102', outcome: 'seen_all', peopleSeen: 3 }),
      post({ visitId: 'y2', householdId: '1-1-102', outcome: 'seen_some', peopleSeen: 1 }),
      post({ visitId: 'y3', householdId: '1-1-102', outcome: 'no_answer', peopleSeen: 0 }),
      post({ visitId: 'y4', householdId: '1-2-201', outcome: 'vacant', peopleSeen: 0 }),
    ]);
    expect(racing.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const t = await json<Task>(await worker.get(`/v1/tasks/${task()}`));
    const p102 = t.households.find((h) => h.id === '1-1-102')?.outcome;
    const people = 4 + (p102 === 'seen_all' ? 3 : 1);
    expect(t).toMatchObject({ householdsVisited: 3, peopleSeen: people });
    const campaign = await campaignOf(await stack.as('city'), cityCampaign);
    expect(campaign.progress).toMatchObject({ householdsVisited: 3, peopleSeen: people });
    for (const by of ['compound', 'grid', 'community']) {
      const coverage = await json<{ items: Coverage[] }>(await (await stack.as('city')).get(`/v1/campaigns/${cityCampaign}/coverage?by=${by}`));
      const visited = coverage.items.reduce((n, c) => n + c.householdsVisited, 0);
      const seen = coverage.items.reduce((n, c) => n + c.peopleSeen, 0);
      expect([by, visited, seen]).toEqual([by, 3, people]);
    }
  });

  it('shows officials what was found, not the residents\' details', async () => {
    const worker = await stack.as('grid-g1');
    const visit = {
      visitId: 'p1', householdId: '1-2-202', outcome: 'seen_all', peopleSeen: 2, note: '张三 13800001111',
      flags: [{ type: 'returnee', origin: '武汉市', date: '2026-11-20' }, { type: 'home_observation' }],
    };
    expect((await worker.post(`/v1/tasks/${task()}/visits`, visit)).status).toBe(201);
    const seen = async (username: string) =>
      (await json<Task>(await (await stack.as(username)).get(`/v1/tasks/${task()}`))).visits.find((v) => v.visitId === 'p1');
    expect(await seen('grid-g1')).toMatchObject({ note: visit.note, flags: visit.flags });
    expect(await seen('city')).toMatchObject({ note: visit.note, flags: visit.flags });
    const inspected = await seen('official-s1');
    expect(inspected).toMatchObject({ outcome: 'seen_all', peopleSeen: 2, flags: [{ type: 'returnee', origin: '***', date: '2026-11-20' }, { type: 'home_observation' }] });
    expect(JSON.stringify(inspected)).not.toContain('张三');
    expect(JSON.stringify(inspected)).not.toContain('武汉');
  });

  it('takes an offline phone\'s backlog sent all at once: every visit lands, counted once', async () => {
    const worker = await stack.as('grid-g1');
    const a1 = `${cityCampaign}.b_a1`;
    expect((await worker.post(`/v1/tasks/${a1}/claim`)).status).toBe(200);
    const households = [1, 2].flatMap((u) => [1, 2, 3, 4, 5, 6].flatMap((f) => [`${u}-${f}-${f}01`, `${u}-${f}-${f}02`]));
    const responses = await Promise.all(households.map((h) => worker.post(`/v1/tasks/${a1}/visits`, { visitId: `z-${h}`, householdId: h, outcome: 'seen_all', peopleSeen: 1 })));
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    expect(await json<Task>(await worker.get(`/v1/tasks/${a1}`))).toMatchObject({ householdsVisited: 24, peopleSeen: 24, covered: true });
  });
});

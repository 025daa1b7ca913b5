/**
 * Staff rosters (POST /v1/imports?kind=staff) on DynamoDB Local through the local API: Excel
 * exports in UTF-8 with a BOM and in GB18030, Chinese headers and role names; each row added as
 * POST /v1/staff adds it (the caller's jurisdiction checked per row: a row outside a community
 * admin's community is that row's reject, never a 403 for the file); a bad role rejected with its
 * line; the people then listed by GET /v1/staff and able to sign in; a re-import changing nothing.
 */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportSummary } from '#shared/schemas/imports.ts';
import { expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';

const START = Date.parse('2026-11-22T08:00:00.000Z');

let stack: TestStack;
beforeAll(async () => {
  stack = await startExitStack(() => START);
});
afterAll(() => stack.stop());

async function importRoster(username: string, file: Buffer | string, query = ''): Promise<ImportSummary> {
  const client = await stack.as(username);
  const res = await client.request('POST', `/v1/imports?kind=staff${query}`, { raw: file, contentType: 'text/csv' });
  return ImportSummary.parse(await expectStatus(res, 200));
}

async function listed(username: string, query = ''): Promise<Record<string, unknown>[]> {
  return (await expectStatus(await (await stack.as(username)).get(`/v1/staff${query}`), 200)).items as Record<string, unknown>[];
}

/** cm1's roster as its admin exports it from Excel: UTF-8 with a BOM, CRLF, Chinese headers and role names. */
const CM1_ROSTER = '\uFEFF' + [
  '账号,姓名,角色,网格,小区,出入口,电话',
  'duty-r1,值守甲,卡口值守人员,,c_a,e_a1、e_a2,13800001111',
  'grid-r1,网格员甲,网格员,g1,,,138 0000 2222',
  'boss-r1,某某,队长,,,,',
  'duty-r2,值守乙,值守,,c_d,e_d1,',
  'disinfection-r1,消杀甲,消杀人员,,c_a,,',
].join('\r\n') + '\r\n';

describe('a community admin\'s roster (UTF-8 with BOM)', () => {
  it('adds the people within their community and rejects the others with their lines', async () => {
    const summary = await importRoster('community-cm1', Buffer.from(CM1_ROSTER, 'utf8'));
    expect(summary).toMatchObject({ kind: 'staff', imported: 3, updated: 0, rejected: 2 });
    expect(summary.rejects.map((r) => r.line)).toEqual([4, 5]);
    expect(summary.rejects[0]?.reason).toMatch(/^角色 \(role\): must be one of city, official, community, grid, duty, disinfection, volunteer/);
    // c_d lies in cm3: the row is refused for cm1's admin, the rest of the file goes in.
    expect(summary.rejects[1]?.reason).toBe('you may not create duty staff there');
  });

  it('lists the new people by name in the directory, with the places completed', async () => {
    const people = await listed('community-cm1');
    expect(people).toEqual(expect.arrayContaining([
      { username: 'duty-r1', name: '值守甲', role: 'duty', jurisdiction: { compoundIds: ['c_a'], exitIds: ['e_a1', 'e_a2'] }, phone: '13800001111' },
      { username: 'grid-r1', name: '网格员甲', role: 'grid', jurisdiction: { streetId: 's1', communityId: 'cm1', gridId: 'g1' }, phone: '138 0000 2222' },
      { username: 'disinfection-r1', name: '消杀甲', role: 'disinfection', jurisdiction: { compoundIds: ['c_a'] } },
    ]));
    expect(people.map((p) => p.username)).not.toContain('duty-r2');
    expect(people.map((p) => p.username)).not.toContain('boss-r1');
    // Their sign-in was made as POST /v1/staff makes it: the new duty staff reach their exit.
    await expectStatus(await (await stack.as('duty-r1')).get('/v1/exits/e_a1/shifts'), 200);
  });

  it('changes nothing when the same roster is imported again', async () => {
    const again = await importRoster('community-cm1', Buffer.from(CM1_ROSTER, 'utf8'));
    expect(again).toMatchObject({ imported: 0, updated: 3, unchanged: 3, rejected: 2 });
    const names = (await listed('city')).map((p) => p.username);
    expect(names.filter((n) => n === 'duty-r1')).toHaveLength(1);
  });

  it('rejects a row whose username someone else holds, and a username twice in one file', async () => {
    const roster = '账号,姓名,角色,网格\ngrid-r1,别人,网格员,g1\ngrid-r5,网格员乙,grid,g1\ngrid-r5,网格员乙,grid,g1\n';
    const summary = await importRoster('community-cm1', roster);
    expect(summary).toMatchObject({ imported: 1, rejected: 2 });
    expect(summary.rejects).toEqual([
      { line: 2, reason: 'username grid-r1 is taken' },
      { line: 4, reason: 'duplicate of line 3 (same username grid-r5); the first row was kept' },
    ]);
  });

  it('says a role without the places it needs in the column the roster names', async () => {
    const summary = await importRoster('community-cm1', 'username,name,role\nduty-r9,值守,duty\n');
    expect(summary.rejects).toEqual([{ line: 2, reason: 'compound_ids: duty staff need compoundIds; exit_ids: duty staff need exitIds' }]);
  });
});

describe('city staff\'s roster (GB18030)', () => {
  const roster = [
    '账号,姓名,角色,街道,社区,小区,出入口,手机号',
    'duty-r3,值守丙,卡口值守人员,,,c_d,e_d1 e_d2,13900003333',
    'community-r3,石城社区干部乙,社区工作人员,,cm3,,,',
    'official-r3,街道督查乙,督查人员,s2,,,,',
  ].join('\r\n');

  it('adds people anywhere, read from GB18030', async () => {
    const summary = await importRoster('city', iconv.encode(roster, 'gb18030'), '&encoding=gb18030');
    expect(summary).toMatchObject({ imported: 3, rejected: 0 });
    const cm3 = await listed('community-cm3', '?communityId=cm3');
    expect(cm3.map((p) => [p.username, p.name])).toEqual(expect.arrayContaining([['duty-r3', '值守丙'], ['community-r3', '石城社区干部乙']]));
    expect((await listed('city', '?role=official')).map((p) => p.name)).toContain('街道督查乙');
    // Detected without being told, too: the re-import changes nothing.
    expect(await importRoster('city', iconv.encode(roster, 'gb18030'))).toMatchObject({ imported: 0, unchanged: 3, rejected: 0 });
  });

  it('writes nothing on a dry run', async () => {
    const summary = await importRoster('city', '账号,姓名,角色\ncity-r4,指挥部丁,市防控指挥部\n', '&dryRun=true');
    expect(summary).toMatchObject({ imported: 1, rejected: 0 });
    expect((await listed('city', '?q=city-r4'))).toEqual([]);
  });
});

describe('who may import a roster', () => {
  it('refuses grid workers (403) and a roster without its required columns (400 naming the body)', async () => {
    const grid = await stack.as('grid-g1');
    await expectStatus(await grid.request('POST', '/v1/imports?kind=staff', { raw: '账号,姓名,角色\n', contentType: 'text/csv' }), 403);
    const city = await stack.as('city');
    const problem = await expectStatus(await city.request('POST', '/v1/imports?kind=staff', { raw: '账号,姓名\nx1,某\n', contentType: 'text/csv' }), 400);
    expect(JSON.stringify(problem.errors)).toContain('role');
  });
});

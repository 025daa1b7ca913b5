/**
 * A CDC / big-data list of people (POST /v1/imports?kind=people) on DynamoDB Local through the
 * local API: GB18030 and UTF-8 exports with Chinese headers and categories; each row matched to
 * the registry by address (compound by name within the caller's jurisdiction, building by name or
 * number, unit and room kept as the room) and enrolled as POST /v1/people enrols; unmatched rows
 * rejected with their line and reason; importing the list again doubles no one.
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

async function importList(username: string, file: Buffer | string, query = ''): Promise<ImportSummary> {
  const client = await stack.as(username);
  const res = await client.request('POST', `/v1/imports?kind=people${query}`, { raw: file, contentType: 'text/csv' });
  return ImportSummary.parse(await expectStatus(res, 200));
}

async function peopleOf(compoundId: string): Promise<Record<string, unknown>[]> {
  return (await expectStatus(await (await stack.as('community-cm1')).get(`/v1/people?compoundId=${compoundId}`), 200)).items as Record<string, unknown>[];
}

/** A CDC list as exported from Excel in GB18030: Chinese headers, categories and dates. */
const CDC_LIST = [
  '姓名,手机号码,身份证号,小区,楼栋,单元,房号,人员类别,原因,开始日期',
  '张三,13800001111,420102199001011234,阳光花园,1栋,2,301,密接,与确诊病例同乘,2026年11月21日',
  '李四,13800002222,,阳光花园,2,1,502,返乡人员,11月20日自外地返回,2026/11/20',
  '王五,,,阳光花园,9栋,1,101,密接,同楼层,2026-11-21',
  '赵六,,,不存在小区,1栋,1,101,密接,同楼层,2026-11-21',
  '钱七,,,阳光花园,1栋,1,101,看门人,不知道,2026-11-21',
  '孙八,,,东湖小区,1栋,1,101,密接,同楼层,2026-11-21',
].join('\r\n') + '\r\n';

describe('a CDC list in GB18030', () => {
  it('enrols the rows that match an address and rejects the others with line and reason', async () => {
    const summary = await importList('community-cm1', iconv.encode(CDC_LIST, 'gb18030'));
    expect(summary).toMatchObject({ kind: 'people', imported: 2, rejected: 4 });
    expect(summary.rejects.map((r) => r.line)).toEqual([4, 5, 6, 7]);
    expect(summary.rejects[0]?.reason).toBe('building: no building 9栋 in compound 阳光花园');
    expect(summary.rejects[1]?.reason).toBe('compound_name: no compound named 不存在小区 in your jurisdiction');
    expect(summary.rejects[2]?.reason).toMatch(/^人员类别 \(category\): must be one of returnee/);
    // 东湖小区 (c_d) lies outside cm1: its row is refused, never the file.
    expect(summary.rejects[3]?.reason).toMatch(/compound_name|outside your jurisdiction/);
  });

  it('lists the people enrolled under observation at their building and room, masked', async () => {
    const people = await peopleOf('c_a');
    const zhang = people.find((p) => p.category === 'close_contact');
    const li = people.find((p) => p.category === 'returnee');
    expect(zhang).toMatchObject({ buildingId: 'b_a1', room: '2单元301', status: 'under_observation', name: '张*', idLast4: '1234' });
    expect(zhang?.period).toMatchObject({ start: '2026-11-21' });
    expect(li).toMatchObject({ buildingId: 'b_a2', room: '1单元502', status: 'under_observation' });
    expect(String(zhang?.source)).toMatch(/^import:/);
  });

  it('doubles no one when the same list is imported again (UTF-8 this time)', async () => {
    const again = await importList('community-cm1', Buffer.from(CDC_LIST, 'utf8'));
    expect(again).toMatchObject({ imported: 0, updated: 2, unchanged: 2, rejected: 4 });
    expect(await peopleOf('c_a')).toHaveLength(2);
  });

  it('rejects a vulnerable resident without a cadre, and a row twice in one file', async () => {
    const list = [
      'name,compound_id,building,room,category,reason,paired_with',
      '周九,c_a,b_a1,101,孤寡老人,独居,',
      '吴十,c_a,b_a1,102,孤寡老人,独居,grid-g1',
      '吴十,c_a,b_a1,102,孤寡老人,独居,grid-g1',
    ].join('\n');
    const summary = await importList('community-cm1', list);
    expect(summary).toMatchObject({ imported: 1, rejected: 2 });
    expect(summary.rejects).toEqual([
      { line: 2, reason: 'paired_with: a vulnerable resident is paired with a cadre (a staff username)' },
      { line: 4, reason: 'duplicate of line 3 (the same person at the same address); the first row was kept' },
    ]);
    const wu = (await peopleOf('c_a')).find((p) => p.category === 'vulnerable');
    expect(wu).toMatchObject({ status: 'registered', pairedWith: 'grid-g1' });
  });
});

/**
 * Daily reports and zero reports (日报告、零报告) on DynamoDB Local through the local API, with the
 * clock injected: the draft equals the day's data created through the API (entries, a fever, a
 * case, a person under observation, a help request, open alerts, rounds, unresolved exits); a
 * zero report is refused while the day had one, accepted on a quiet day; resubmission until the
 * deadline, final after it, late once past it; roll-ups count the compounds that did not report;
 * the .xlsx export read back with exceljs; the deadline job raises once per community on rerun;
 * 403 outside jurisdiction or role, 400 naming the fields; the orders of the day (代购配送, the
 * communities' day counters, written here as order-store ADDs them) in each roll-up line, the
 * workbook's community and street sheets and on the dashboard at every level.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseMissingReports } from '#functions/jobs/daily-report-deadline.ts';
import { putItem } from '#functions/platform/table.ts';
import { dayBefore } from '#shared/domain/disinfection.ts';
import { XLSX_TYPE } from '#shared/schemas/daily-report.ts';
import { keys } from '#shared/table.ts';
import { entry, expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';

const DAY = '2026-11-22';
/** 10:00 in China: before the 18:00 deadline. */
const MORNING = Date.parse('2026-11-22T02:00:00.000Z');
/** 19:00 in China: after it. */
const EVENING = Date.parse('2026-11-22T11:00:00.000Z');

let now = MORNING;
let stack: TestStack;
beforeAll(async () => {
  delete process.env.DAILY_REPORT_DEADLINE;
  stack = await startExitStack(() => now);
});
afterAll(() => stack.stop());

/** A worksheet's rows as values, the header row first. */
function sheetRows(book: ExcelJS.Workbook, sheet: string): unknown[][] {
  const rows: unknown[][] = [];
  book.getWorksheet(sheet)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const reportOf = async (user: string, compoundId: string) =>
  expectStatus(await (await stack.as(user)).get(`/v1/daily-reports/${compoundId}/${DAY}`), 200);

describe('the draft', () => {
  it('is the day\'s data as created through the API', async () => {
    const quiet = await reportOf('community-cm1', 'c_a');
    expect(quiet).toMatchObject({ status: 'draft', compoundName: '阳光花园', date: DAY, deadline: '2026-11-22T10:00:00.000Z', final: false, abnormal: [] });
    expect(quiet.figures).toMatchObject({ entries: { in: 0, out: 0, refused: 0, fevers: 0 }, cases: { confirmed: 0, suspected: 0, asymptomatic: 0 }, helpOpen: 0 });

    const duty = await stack.as('duty-a');
    await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('dr-1')), 201);
    await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('dr-2', { direction: 'out' })), 201);
    await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('dr-3', {
      temperatureC: 38.2, outcome: 'refused', refusalReason: '体温异常', escort: { hospital: '钟祥市人民医院', escortedBy: 'duty-a' },
    })), 201);
    const admin = await stack.as('community-cm1');
    await expectStatus(await admin.post('/v1/cases', { caseId: 'dr-case', compoundId: 'c_a', buildingId: 'b_a1', date: DAY, kind: 'suspected', count: 2 }), 201);
    await expectStatus(await admin.post('/v1/people', {
      name: '刘居家', compoundId: 'c_a', buildingId: 'b_a2', room: '1单元101', category: 'home_quarantine', reason: '居家隔离',
    }), 201);
    await expectStatus(await admin.post('/v1/help-requests', { requestId: 'dr-help', compoundId: 'c_a', kind: 'medicine', urgency: 'normal', note: '缺药' }), 201);

    const unresolved = (await expectStatus(await admin.get('/v1/exits?communityId=cm1'), 200)).items as { compoundId: string }[];
    const draft = await reportOf('community-cm1', 'c_a');
    expect(draft.status).toBe('draft');
    expect(draft.figures).toEqual({
      compoundId: 'c_a', date: DAY,
      entries: { in: 2, out: 1, refused: 1, fevers: 1 },
      cases: { confirmed: 0, suspected: 2, asymptomatic: 0 },
      sweep: null,
      rounds: { required: 2, done: 0 },
      observation: { people: 1, missedSlots: 0 },
      // The fever's alert and the help request's.
      alerts: { symptoms: 0, open: 2 },
      helpOpen: 1,
      ordersOpen: 0,
      exitsUnresolved: unresolved.filter((e) => e.compoundId === 'c_a').length,
    });
    expect(draft.abnormal).toEqual(['case', 'fever', 'open_alert']);
  });
});

describe('submitting', () => {
  it('refuses a zero report on a day with a case, a fever or an open alert, saying why', async () => {
    const admin = await stack.as('community-cm1');
    const problem = await expectStatus(await admin.post(`/v1/daily-reports/c_a/${DAY}/submit`, { zero: true }), 409);
    expect(problem.code).toBe('daily-report.not-zero');
    expect(problem.detail).toContain('a new case, a fever at an exit, an open alert');
    const zh = await admin.request('POST', `/v1/daily-reports/c_a/${DAY}/submit`, { body: { zero: true }, headers: { 'accept-language': 'zh-CN' } });
    expect(((await zh.json()) as { detail: string }).detail).toContain('新增病例、出入口发热人员、未关闭的预警');
    expect((await reportOf('community-cm1', 'c_a')).status).toBe('draft');
  });

  it('accepts the report with a note, by name, keeping the figures it was submitted with', async () => {
    const admin = await stack.as('community-cm1');
    const draft = await reportOf('community-cm1', 'c_a');
    const submitted = await expectStatus(await admin.post(`/v1/daily-reports/c_a/${DAY}/submit`, { note: '疑似2例已转运' }), 200);
    expect(submitted).toMatchObject({
      status: 'submitted', note: '疑似2例已转运', submittedBy: 'community-cm1', submittedByName: '王府社区干部',
      submittedAt: new Date(MORNING).toISOString(), final: false, figures: draft.figures,
    });
    expect(submitted.late).toBeUndefined();
    // More entries later on do not change what was submitted.
    await expectStatus(await (await stack.as('duty-a')).post('/v1/exits/e_a1/entries', entry('dr-4')), 201);
    expect((await reportOf('official-s1', 'c_a')).figures).toEqual(draft.figures);
    // Before the deadline it may be submitted again, with the day's data as it is now.
    const again = await expectStatus(await admin.post(`/v1/daily-reports/c_a/${DAY}/submit`, { note: '更正' }), 200);
    expect(again).toMatchObject({ status: 'submitted', note: '更正' });
    expect((again.figures as { entries: { in: number } }).entries.in).toBe(3);
  });

  it('accepts a zero report in one tap on a quiet day', async () => {
    const zero = await expectStatus(await (await stack.as('community-cm1')).post(`/v1/daily-reports/c_b/${DAY}/submit`, { zero: true }), 200);
    expect(zero).toMatchObject({ status: 'zero', compoundId: 'c_b', abnormal: [] });
  });
});

describe('the roll-ups', () => {
  it('count submitted, zero and the compounds under closure that did not report', async () => {
    const own = await expectStatus(await (await stack.as('community-cm1')).get(`/v1/daily-reports?date=${DAY}`), 200);
    expect(own).toMatchObject({ submitted: 1, zero: 1, missing: 0 });
    const city = await expectStatus(await (await stack.as('city')).get(`/v1/daily-reports?date=${DAY}`), 200);
    expect(city).toMatchObject({ submitted: 1, zero: 1, missing: 3, late: 0 });
    const items = city.items as { compoundId: string; status: string; communityName?: string }[];
    // Missing first; compounds under normal management (c_c, c_e) need not report.
    expect(items.slice(0, 3).map((i) => i.compoundId).sort()).toEqual(['c_d', 'c_s1', 'c_s2']);
    expect(items.map((i) => i.compoundId).sort()).toEqual(['c_a', 'c_b', 'c_d', 'c_s1', 'c_s2']);
    const totals = city.totals as { level: string; id: string; missing: number; figures: { entries: { in: number } } }[];
    expect(totals.find((t) => t.level === 'community' && t.id === 'cm2')?.missing).toBe(2);
    expect(totals.find((t) => t.level === 'street' && t.id === 's1')).toMatchObject({ missing: 2, figures: { entries: { in: 3 } } });
    expect(totals.at(-1)).toMatchObject({ level: 'city', missing: 3 });
    const street = await expectStatus(await (await stack.as('official-s1')).get(`/v1/daily-reports?date=${DAY}&communityId=cm2`), 200);
    expect(street).toMatchObject({ submitted: 0, zero: 0, missing: 2 });
  });

  it('export to .xlsx: Chinese headers, one sheet per level, the rows of the roll-up', async () => {
    const res = await (await stack.as('city')).get(`/v1/daily-reports/export?date=${DAY}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent(`日报告-${DAY}.xlsx`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(['小区', '社区', '街道']);
    const values = (sheet: string) => sheetRows(book, sheet);
    const compounds = values('小区');
    expect(compounds[0]?.slice(0, 7)).toEqual(['街道', '社区', '小区', '上报状态', '迟报', '上报人', '上报时间']);
    expect(compounds[0]).toContain('排查覆盖率');
    expect(compounds).toHaveLength(6);
    expect(compounds.filter((r) => r[3] === '未上报').map((r) => r[2]).sort()).toEqual(['小楼c_s1', '小楼c_s2', '石城新村']);
    const sunshine = compounds.find((r) => r[2] === '阳光花园')!;
    expect(sunshine.slice(0, 6)).toEqual(['郢中街道', '王府社区', '阳光花园', '已上报', '', '王府社区干部']);
    expect(compounds.find((r) => r[2] === '王府小区')?.[3]).toBe('零报告');
    expect(values('社区')[0]?.slice(0, 6)).toEqual(['名称', '应报', '已上报', '零报告', '未上报', '迟报']);
    expect(values('社区').slice(1).map((r) => r[0]).sort()).toEqual(['兰台社区', '王府社区', '石城社区']);
    const streets = values('街道');
    expect(streets.slice(1).map((r) => [r[0], r[4]])).toEqual(expect.arrayContaining([['郢中街道', 2], ['皇庄街道', 1], ['合计（全市）', 3]]));
  });

  it('keep to the caller\'s jurisdiction and name the wrong fields', async () => {
    expect((await (await stack.as('community-cm1')).get(`/v1/daily-reports?date=${DAY}&communityId=cm2`)).status).toBe(403);
    expect((await (await stack.as('official-s1')).get(`/v1/daily-reports?date=${DAY}&streetId=s2`)).status).toBe(403);
    expect((await (await stack.as('grid-g1')).get(`/v1/daily-reports?date=${DAY}`)).status).toBe(403);
    expect((await (await stack.as('official-s1')).get(`/v1/daily-reports/export?date=${DAY}&streetId=s2`)).status).toBe(403);
    const missing = await expectStatus(await (await stack.as('city')).get('/v1/daily-reports?communityId=cm1'), 400);
    expect((missing.errors as { field: string }[]).map((e) => e.field)).toEqual(['query.date']);
    const both = await expectStatus(await (await stack.as('city')).get(`/v1/daily-reports?date=${DAY}&communityId=cm1&streetId=s1`), 400);
    expect((both.errors as { field: string }[]).map((e) => e.field)).toEqual(['query.streetId']);
  });
});

describe('orders of the day (代购配送)', () => {
  type Orders = { requested: { groceries: number; medicine: number; other: number }; delivered: number; overdue: number; avgDeliveryMinutes: number | null };
  type Total = { level: string; id: string; orders: Orders };
  beforeAll(async () => {
    // The counters as order-store ADDs them with each request and step: cm1 and cm2 in street s1, cm3 in s2.
    await putItem({ ...keys.orderDay(DAY, 'cm1'), requested_groceries: 3, requested_medicine: 2, accepted: 4, delivered: 2, deliveryMinutes: 130, overdue: 1 });
    await putItem({ ...keys.orderDay(DAY, 'cm2'), requested_other: 1, delivered: 1, deliveryMinutes: 20 });
    await putItem({ ...keys.orderDay(DAY, 'cm3'), requested_groceries: 5, overdue: 2 });
    await putItem({ ...keys.orderDay(dayBefore(DAY, 1), 'cm1'), requested_groceries: 7 });
  });

  it('stand in each roll-up line: a community\'s own counters, a street\'s and the city\'s sums', async () => {
    const city = await expectStatus(await (await stack.as('city')).get(`/v1/daily-reports?date=${DAY}`), 200);
    const totals = city.totals as Total[];
    const of = (level: string, id: string) => totals.find((t) => t.level === level && t.id === id)?.orders;
    expect(of('community', 'cm1')).toMatchObject({ requested: { groceries: 3, medicine: 2, other: 0 }, delivered: 2, overdue: 1, avgDeliveryMinutes: 65 });
    expect(of('community', 'cm3')).toMatchObject({ requested: { groceries: 5, medicine: 0, other: 0 }, overdue: 2, avgDeliveryMinutes: null });
    // The street's average is over its three deliveries (150 minutes), not an average of averages.
    expect(of('street', 's1')).toMatchObject({ requested: { groceries: 3, medicine: 2, other: 1 }, delivered: 3, overdue: 1, avgDeliveryMinutes: 50 });
    expect(totals.at(-1)).toMatchObject({ level: 'city', orders: { requested: { groceries: 8, medicine: 2, other: 1 }, overdue: 3 } });
    const own = await expectStatus(await (await stack.as('community-cm1')).get(`/v1/daily-reports?date=${DAY}`), 200);
    expect((own.totals as Total[]).at(-1)?.orders).toMatchObject({ requested: { groceries: 3, medicine: 2, other: 0 }, overdue: 1 });
    // Another day's counters are that day's.
    const before = await expectStatus(await (await stack.as('community-cm1')).get(`/v1/daily-reports?date=${dayBefore(DAY, 1)}`), 200);
    expect((before.totals as Total[]).at(-1)?.orders).toMatchObject({ requested: { groceries: 7, medicine: 0, other: 0 }, overdue: 0 });
  });

  it('fill the order columns of the workbook\'s community and street sheets', async () => {
    const res = await (await stack.as('city')).get(`/v1/daily-reports/export?date=${DAY}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const rows = (sheet: string) => sheetRows(book, sheet);
    const column = (sheet: string, header: string, name: string) => {
      const [headers, ...lines] = rows(sheet);
      return lines.find((r) => r[0] === name)?.[headers!.indexOf(header)];
    };
    expect(column('社区', '新增订单', '王府社区')).toBe(5);
    expect(column('社区', '其中药品', '王府社区')).toBe(2);
    expect(column('社区', '平均送达时长（分钟）', '王府社区')).toBe(65);
    expect(column('社区', '超时未接单', '石城社区')).toBe(2);
    expect(column('街道', '已送达', '郢中街道')).toBe(3);
    expect(column('街道', '超时未接单', '合计（全市）')).toBe(3);
    expect(rows('小区')[0]).not.toContain('新增订单');
  });

  it('show on the dashboard at every level, with their 14-day trend', async () => {
    const city = await expectStatus(await (await stack.as('city')).get(`/v1/dashboard?date=${DAY}`), 200) as {
      today: { orders: Orders }; trend: { date: string; ordersRequested: number; ordersOverdue: number; avgDeliveryMinutes: number | null }[];
      children: { id: string; orders: Orders | null }[];
    };
    expect(city.today.orders).toMatchObject({ requested: { groceries: 8, medicine: 2, other: 1 }, delivered: 3, overdue: 3, avgDeliveryMinutes: 50 });
    expect(city.trend.slice(-2).map((d) => [d.date, d.ordersRequested, d.ordersOverdue])).toEqual([[dayBefore(DAY, 1), 7, 0], [DAY, 11, 3]]);
    expect(city.children.find((c) => c.id === 's2')?.orders).toMatchObject({ overdue: 2 });
    const street = await expectStatus(await (await stack.as('official-s1')).get(`/v1/dashboard?date=${DAY}`), 200) as typeof city;
    expect(street.today.orders).toMatchObject({ overdue: 1, avgDeliveryMinutes: 50 });
    expect(street.children.find((c) => c.id === 'cm1')?.orders).toMatchObject({ requested: { groceries: 3, medicine: 2, other: 0 }, avgDeliveryMinutes: 65 });
    const community = await expectStatus(await (await stack.as('official-s1')).get(`/v1/dashboard?date=${DAY}&communityId=cm2`), 200) as typeof city;
    expect(community.today.orders).toMatchObject({ requested: { groceries: 0, medicine: 0, other: 1 }, avgDeliveryMinutes: 20 });
    // Orders are counted per community: a compound's line has none.
    expect(community.children.every((c) => c.orders === null)).toBe(true);
  });
});

describe('who may read and submit', () => {
  it('answers 403 outside the jurisdiction or the role, 404 for no compound, 400 naming fields', async () => {
    expect((await (await stack.as('community-cm3')).get(`/v1/daily-reports/c_a/${DAY}`)).status).toBe(403);
    expect((await (await stack.as('community-cm3')).post(`/v1/daily-reports/c_a/${DAY}/submit`, {})).status).toBe(403);
    expect((await (await stack.as('official-s1')).post(`/v1/daily-reports/c_a/${DAY}/submit`, {})).status).toBe(403);
    expect((await (await stack.as('grid-g1')).get(`/v1/daily-reports/c_a/${DAY}`)).status).toBe(403);
    expect((await (await stack.as('city')).get(`/v1/daily-reports/c_nowhere/${DAY}`)).status).toBe(404);
    const bad = await expectStatus(await (await stack.as('community-cm1')).post('/v1/daily-reports/c_a/2026-13-40/submit', { zero: 'yes', extra: 1 }), 400);
    expect((bad.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['body.extra', 'body.zero', 'params.date']);
    const future = await expectStatus(await (await stack.as('community-cm1')).get('/v1/daily-reports/c_a/2026-11-23'), 400);
    expect((future.errors as { field: string }[]).map((e) => e.field)).toEqual(['params.date']);
  });
});

describe('the deadline', () => {
  it('raises one daily_report_missing alert per community with compounds missing, once however often it runs', async () => {
    expect(await raiseMissingReports(DAY, new Date(MORNING).toISOString())).toMatchObject({ due: false, raised: 0 });
    const at = new Date(EVENING).toISOString();
    expect(await raiseMissingReports(DAY, at)).toMatchObject({ due: true, communities: 2, raised: 2 });
    expect(await raiseMissingReports(DAY, at)).toMatchObject({ due: true, communities: 2, raised: 0 });
    const alerts = (await expectStatus(await (await stack.as('community-cm2')).get('/v1/alerts?kind=daily_report_missing'), 200)).items as { details: Record<string, unknown>; communityId: string }[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ communityId: 'cm2', details: { date: DAY, missing: 2, compoundIds: ['c_s1', 'c_s2'] } });
    expect((await expectStatus(await (await stack.as('community-cm1')).get('/v1/alerts?kind=daily_report_missing'), 200)).items).toEqual([]);
  });

  it('after it: a report submitted is final, a missing one is submitted late', async () => {
    now = EVENING;
    const admin = await stack.as('community-cm1');
    const final = await expectStatus(await admin.post(`/v1/daily-reports/c_a/${DAY}/submit`, { note: '再改' }), 409);
    expect(final.code).toBe('daily-report.final');
    expect((await reportOf('community-cm1', 'c_a')).final).toBe(true);
    const draft = await reportOf('community-cm3', 'c_d');
    expect(draft).toMatchObject({ status: 'draft', late: true });
    // The missing report's own alert does not stand in the way of a zero report.
    const late = await expectStatus(await (await stack.as('community-cm3')).post(`/v1/daily-reports/c_d/${DAY}/submit`, { zero: true }), 200);
    expect(late).toMatchObject({ status: 'zero', late: true });
    const city = await expectStatus(await (await stack.as('city')).get(`/v1/daily-reports?date=${DAY}`), 200);
    expect(city).toMatchObject({ submitted: 1, zero: 2, missing: 2, late: 1 });
  });
});

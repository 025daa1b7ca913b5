/**
 * The daily reports' roll-up as the reporting chain files it: an Excel workbook (.xlsx) with
 * Chinese headers and one sheet per level — 小区 (every compound, missing ones first), 社区 and
 * 街道 (counts and sums, the last line the whole asked for). Built in memory with exceljs; no I/O.
 * Orders (代购配送) are counted per community, so only the 社区 and 街道 sheets carry their columns.
 *
 * exceljs is loaded when a workbook is asked for: with its zip and stream libraries it is most of
 * the daily-reports function, and evaluating it at every cold start delayed the JSON reports too.
 */
import type ExcelJS from 'exceljs';
import { ordersRequested, type DailyFigures, type OrderFigures } from './daily-figures.ts';
import type { DailyReportRollup, DailyReportRow, DailyReportTotal } from '../schemas/daily-report.ts';
import { chinaMinute } from './china-time.ts';

/** The figure columns every sheet shares, in the order the forms list them. */
const FIGURE_COLUMNS: readonly { header: string; value: (f: DailyFigures) => number | string }[] = [
  { header: '进入人次', value: (f) => f.entries.in },
  { header: '外出人次', value: (f) => f.entries.out },
  { header: '劝返人次', value: (f) => f.entries.refused },
  { header: '发热人数', value: (f) => f.entries.fevers },
  { header: '新增确诊', value: (f) => f.cases.confirmed },
  { header: '新增疑似', value: (f) => f.cases.suspected },
  { header: '新增无症状', value: (f) => f.cases.asymptomatic },
  { header: '排查户数', value: (f) => f.sweep?.households ?? '' },
  { header: '已排查户数', value: (f) => f.sweep?.householdsVisited ?? '' },
  { header: '排查覆盖率', value: (f) => (f.sweep ? `${Math.round(f.sweep.coverage * 1000) / 10}%` : '') },
  { header: '应消杀轮次', value: (f) => f.rounds.required },
  { header: '已消杀轮次', value: (f) => f.rounds.done },
  { header: '居家观察人数', value: (f) => f.observation.people },
  { header: '漏报次数', value: (f) => f.observation.missedSlots },
  { header: '症状预警', value: (f) => f.alerts.symptoms },
  { header: '未关闭预警', value: (f) => f.alerts.open },
  { header: '未处理求助', value: (f) => f.helpOpen },
  { header: '未完成订单', value: (f) => f.ordersOpen },
  { header: '未整改出入口', value: (f) => f.exitsUnresolved },
];

/** The order columns of the community and street sheets: requests by kind, the day's steps, delivery time, overdue. */
const ORDER_COLUMNS: readonly { header: string; value: (o: OrderFigures) => number | string }[] = [
  { header: '新增订单', value: ordersRequested },
  { header: '其中生活物资', value: (o) => o.requested.groceries },
  { header: '其中药品', value: (o) => o.requested.medicine },
  { header: '其中其他', value: (o) => o.requested.other },
  { header: '已接单', value: (o) => o.accepted },
  { header: '已采购', value: (o) => o.purchased },
  { header: '已送达', value: (o) => o.delivered },
  { header: '已取件', value: (o) => o.collected },
  { header: '已取消', value: (o) => o.cancelled },
  { header: '超时未接单', value: (o) => o.overdue },
  { header: '平均送达时长（分钟）', value: (o) => o.avgDeliveryMinutes ?? '' },
];

export const ROW_STATUS_TEXT: Readonly<Record<DailyReportRow['status'], string>> = { submitted: '已上报', zero: '零报告', missing: '未上报' };
export const COMPOUND_SHEET_HEADERS = ['街道', '社区', '小区', '上报状态', '迟报', '上报人', '上报时间', ...FIGURE_COLUMNS.map((c) => c.header), '备注'] as const;
export const TOTAL_SHEET_HEADERS = ['名称', '应报', '已上报', '零报告', '未上报', '迟报', ...FIGURE_COLUMNS.map((c) => c.header), ...ORDER_COLUMNS.map((c) => c.header)] as const;
export const SHEET_NAMES = { compound: '小区', community: '社区', street: '街道' } as const;

function addSheet(book: ExcelJS.Workbook, name: string, headers: readonly string[], rows: readonly (readonly (string | number)[])[]) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...headers]).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  sheet.columns.forEach((column, i) => {
    column.width = Math.max(8, ...[headers[i] ?? '', ...rows.map((r) => String(r[i] ?? ''))].map((text) => text.length * 2 + 2));
  });
}

const totalRow = (t: DailyReportTotal): (string | number)[] =>
  [t.name, t.submitted + t.zero + t.missing, t.submitted, t.zero, t.missing, t.late, ...FIGURE_COLUMNS.map((c) => c.value(t.figures)), ...ORDER_COLUMNS.map((c) => c.value(t.orders))];

/** The workbook's bytes: sheets 小区, 社区, 街道 (the street sheet ends with the whole's line). */
export async function rollupWorkbook(rollup: DailyReportRollup): Promise<Uint8Array> {
  const { default: excel } = await import('exceljs');
  const book = new excel.Workbook();
  book.creator = 'Cordon';
  book.title = `日报告汇总 ${rollup.date}`;
  addSheet(book, SHEET_NAMES.compound, COMPOUND_SHEET_HEADERS, rollup.items.map((r) => [
    r.streetName ?? '', r.communityName ?? '', r.compoundName, ROW_STATUS_TEXT[r.status], r.late ? '是' : '',
    r.submittedByName ?? '', r.submittedAt ? chinaMinute(r.submittedAt) : '',
    ...FIGURE_COLUMNS.map((c) => (r.figures ? c.value(r.figures) : '')), r.note ?? '',
  ]));
  const whole = rollup.totals[rollup.totals.length - 1];
  const of = (level: DailyReportTotal['level']) => rollup.totals.slice(0, -1).filter((t) => t.level === level);
  addSheet(book, SHEET_NAMES.community, TOTAL_SHEET_HEADERS, of('community').map(totalRow));
  addSheet(book, SHEET_NAMES.street, TOTAL_SHEET_HEADERS, [...of('street').map(totalRow), ...(whole ? [totalRow({ ...whole, name: `合计（${whole.name}）` })] : [])]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

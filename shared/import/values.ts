/**
 * Cell values as files carry them, made into typed values: trimmed text, numbers written with
 * full-width digits or thousands separators, Chinese statuses and yes/no words. Each builder is a
 * zod schema whose messages read well after a field name: "lat: must be a number".
 */
import * as z from '../zod.ts';
import { storableNumber, UNSTORABLE_NUMBER } from '../storable-number.ts';
import { COMPOUND_STATUSES, type CompoundStatus } from '../schemas/compound.ts';
import { Id } from '../schemas/common.ts';
import { EXIT_KINDS, EXIT_STATUSES } from '../schemas/exit.ts';
import { ROLES, type Role } from '../roles.ts';
import { CARE_CATEGORIES, type CareCategory } from '../domain/observation.ts';

/** Blank cells and null properties are absent; text is trimmed (NFKC turns full-width forms half-width). */
export function blank(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  return value;
}

const required = (what: string) => (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : what);

/** Text up to `max` characters; numbers (a numeric id in GeoJSON) become text. */
export function text(max: number, options: { optional: true }): z.ZodMiniType<string | undefined>;
export function text(max: number, options?: { optional?: false }): z.ZodMiniType<string>;
export function text(max: number, options: { optional?: boolean } = {}): z.ZodMiniType<string | undefined> {
  const schema = z.string({ error: required('must be text') }).check(z.maxLength(max, `must be at most ${max} characters`));
  return z.preprocess(
    (v) => {
      const b = blank(v);
      return typeof b === 'number' || typeof b === 'bigint' ? String(b) : b;
    },
    options.optional ? z.optional(schema) : schema,
  ) as z.ZodMiniType<string | undefined>;
}

/** `１２３`, `1,234.5`, ` 42 ` → numbers; anything else stays as it is, for zod to refuse. */
export function toNumber(value: unknown): unknown {
  const b = blank(value);
  if (typeof b !== 'string') return b;
  const compact = b.normalize('NFKC').replace(/\s+/g, '');
  const plain = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact) ? compact.replace(/,/g, '') : compact;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(plain)) return b;
  return Number(plain);
}

/** A number, one DynamoDB can store (see DynamoNumber). */
export const number = () => z.number({ error: required('must be a number') }).check(z.refine(storableNumber, UNSTORABLE_NUMBER));

export function numeric<T extends z.ZodMiniType>(schema: T) {
  return z.preprocess(toNumber, schema);
}

/** Words → values, compared after NFKC and lower-casing. */
function vocabulary<V extends string | boolean>(table: Readonly<Record<string, readonly string[]>>, convert: (key: string) => V) {
  const words = new Map<string, V>();
  for (const [value, aliases] of Object.entries(table)) {
    for (const word of [value, ...aliases]) words.set(word.normalize('NFKC').toLowerCase(), convert(value));
  }
  return (value: unknown): unknown => {
    const b = blank(value);
    if (typeof b === 'boolean') return b;
    if (typeof b === 'number') return words.has(String(b)) ? words.get(String(b)) : b;
    if (typeof b !== 'string') return b;
    const key = b.normalize('NFKC').toLowerCase();
    return words.has(key) ? words.get(key) : b;
  };
}

const STATUS_WORDS: Readonly<Record<CompoundStatus, readonly string[]>> = {
  normal: ['正常', '常态', '未封闭', '开放'],
  closed: ['封闭管理', '封闭', '封闭式管理', '闭环管理', 'closed management'],
  lockdown: ['封控', '封控管理', '封控区', '管控', 'locked down'],
  lifted: ['解除', '解封', '已解除', '解除封控', '解除封闭'],
};

const BOOLEAN_WORDS = {
  true: ['yes', 'y', 't', '1', '是', '有', '√', '✓', '有物业'],
  false: ['no', 'n', 'f', '0', '否', '无', '没有', '×', '无物业'],
};

const EXIT_KIND_WORDS: Readonly<Record<(typeof EXIT_KINDS)[number], readonly string[]>> = {
  pedestrian: ['人行', '步行', '行人', '人行通道', '人行出入口'],
  vehicle: ['车行', '机动车', '车辆', '车行通道', '车行出入口'],
  mixed: ['人车混行', '混行', '混合', '人车', '人车通行'],
};

const EXIT_STATUS_WORDS: Readonly<Record<(typeof EXIT_STATUSES)[number], readonly string[]>> = {
  open: ['开放', '开启', '开', '通行', 'opened'],
  sealed: ['封闭', '关闭', '封堵', '封', 'closed', 'seal'],
};

const oneOf = (values: readonly string[], words: Readonly<Record<string, readonly string[]>>) =>
  `must be one of ${values.join(', ')} (${values.map((v) => words[v]?.[0]).filter(Boolean).join(', ')})`;

export const compoundStatus = () =>
  z.preprocess(vocabulary(STATUS_WORDS, (k) => k), z.optional(z.enum(COMPOUND_STATUSES, { error: oneOf(COMPOUND_STATUSES, STATUS_WORDS) })));

export const yesNo = () =>
  z.preprocess(vocabulary(BOOLEAN_WORDS, (k) => k === 'true'), z.optional(z.boolean({ error: 'must be true or false (是/否, 有/无, 1/0)' })));

export const exitKind = () =>
  z.preprocess(vocabulary(EXIT_KIND_WORDS, (k) => k), z.optional(z.enum(EXIT_KINDS, { error: oneOf(EXIT_KINDS, EXIT_KIND_WORDS) })));

export const exitStatus = () =>
  z.preprocess(
    vocabulary(EXIT_STATUS_WORDS, (k) => k),
    z.enum(EXIT_STATUSES, { error: required(oneOf(EXIT_STATUSES, EXIT_STATUS_WORDS)) }),
  );

/** Roles as rosters name them: the role names of the README's table, and shorter ones people write. */
const ROLE_WORDS: Readonly<Record<Role, readonly string[]>> = {
  city: ['市防控指挥部', '市级', '指挥部', '市防控指挥部人员', 'city staff'],
  official: ['督查人员', '督查', '督导', '督查员'],
  community: ['社区工作人员', '社区管理员', '社区干部', 'community admin'],
  grid: ['网格员', '网格', 'grid worker'],
  duty: ['卡口值守人员', '值守人员', '卡口值守', '值守', '卡口', 'duty staff'],
  disinfection: ['消杀人员', '消杀', '环境消杀', 'disinfection staff'],
  volunteer: ['志愿者', '志愿服务', 'volunteer'],
};

export const staffRole = () =>
  z.preprocess(vocabulary(ROLE_WORDS, (k) => k), z.enum(ROLES, { error: required(oneOf(ROLES, ROLE_WORDS)) }));

/** Several ids in one cell, as spreadsheets hold them: `c1 c2`, `c1,c2`, `c1、c2`, `c1；c2`. */
export const idList = () =>
  z.preprocess((v) => {
    const b = blank(v);
    if (typeof b === 'number') return [String(b)];
    return typeof b === 'string' ? b.normalize('NFKC').split(/[\s,;、]+/).filter((id) => id !== '') : b;
  }, z.optional(z.array(Id, { error: 'must be ids separated by spaces, commas or 、' }).check(z.maxLength(200, 'must be at most 200 ids'))));

/** Categories of people under care as CDC and big-data lists name them. */
const CARE_WORDS: Readonly<Record<CareCategory, readonly string[]>> = {
  returnee: ['返乡人员', '返乡', '返回人员', '外地返回', '返汉人员', '入境人员', '外省返回'],
  close_contact: ['密切接触者', '密接', '密切接触', '次密接', '密接人员'],
  discharged: ['出院患者', '出院', '出院人员', '治愈出院'],
  home_quarantine: ['居家隔离', '居家观察', '居家健康观察', '居家隔离人员'],
  vulnerable: ['困难群众', '孤寡老人', '残疾人', '困难家庭', '独居老人', '特殊人群'],
};

export const careCategory = () =>
  z.preprocess(vocabulary(CARE_WORDS, (k) => k), z.enum(CARE_CATEGORIES, { error: required(oneOf(CARE_CATEGORIES, CARE_WORDS)) }));

/** A day as lists write it: 2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日 → 2026-11-20. */
export const listDay = () =>
  z.preprocess((v) => {
    const b = blank(v);
    if (typeof b !== 'string') return b;
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(b.normalize('NFKC'));
    return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : b;
  }, z.optional(z.iso.date({ error: 'must be a date (2026-11-20 or 2026年11月20日)' })));

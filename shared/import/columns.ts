/**
 * The fields each import kind reads, the column names (English and Chinese) they are recognised
 * by, and the mapping from a file's header (or a GeoJSON feature's property names) to fields.
 * An explicit `columns` mapping (`field:Header,…`) wins over the recognised names.
 */
import type { ImportKind } from '../schemas/imports.ts';
import { ImportFileError } from './errors.ts';

/** Field name (the canonical CSV header) → the names it is also known by. */
type AliasTable = Readonly<Record<string, readonly string[]>>;

const EXTERNAL_ID = ['external_id', 'externalid', 'ext_id', 'id', 'code', '编号', '编码', '代码'];
const LNG = ['lng', 'lon', 'long', 'longitude', 'x', '经度', '经度坐标', 'x坐标'];
const LAT = ['lat', 'latitude', 'y', '纬度', '纬度坐标', 'y坐标'];
/** How a building or exit names its compound, in the order a row's references are tried. */
const COMPOUND_REFS = {
  compound_external_id: ['compound_external_id', 'compound_ext_id', 'compound_code', '小区编号', '小区编码', '小区代码'],
  compound_id: ['compound_id', 'compoundid', '小区id'],
  compound_name: ['compound_name', 'compound', '小区', '小区名称', '小区名', '所属小区'],
};
export type CompoundRefField = keyof typeof COMPOUND_REFS;
export const COMPOUND_REF_FIELDS = Object.keys(COMPOUND_REFS) as readonly CompoundRefField[];

export const FIELDS = {
  compounds: {
    external_id: [...EXTERNAL_ID, '小区编号', '小区编码', '小区代码'],
    name: ['name', 'compound_name', '名称', '小区名称', '小区名', '小区'],
    address: ['address', 'addr', '地址', '详细地址', '小区地址'],
    lng: LNG,
    lat: LAT,
    community_id: ['community_id', 'communityid', 'community', '社区编号', '社区编码', '社区id', '社区', '所属社区'],
    status: ['status', 'state', '状态', '管理状态', '封闭状态', '封控状态'],
    property_managed: ['property_managed', 'propertymanaged', 'property', '物业', '有无物业', '是否有物业', '物业管理'],
    area_m2: ['area_m2', 'area', 'aream2', '面积', '占地面积', '面积m2', '面积㎡', '面积平方米'],
  },
  buildings: {
    external_id: [...EXTERNAL_ID, '楼栋编号', '楼栋编码'],
    ...COMPOUND_REFS,
    name: ['name', 'building_name', '名称', '楼栋', '楼栋名称', '楼号', '楼栋号'],
    grid_id: ['grid_id', 'gridid', 'grid', '网格', '网格编号', '网格id', '所属网格'],
    units: ['units', 'unit_count', '单元数', '单元', '门栋数'],
    floors: ['floors', 'floor_count', 'storeys', '层数', '楼层数', '楼层'],
    households_per_floor: ['households_per_floor', 'per_floor', '每层户数', '梯户数', '每单元每层户数'],
    lng: LNG,
    lat: LAT,
  },
  exits: {
    external_id: [...EXTERNAL_ID, '出入口编号', '卡口编号'],
    ...COMPOUND_REFS,
    name: ['name', 'exit_name', '名称', '出入口', '出入口名称', '卡口名称'],
    kind: ['kind', 'type', '类型', '出入口类型', '通行类型'],
    status: ['status', 'state', '状态', '开放状态', '出入口状态'],
    lng: LNG,
    lat: LAT,
  },
  communities: {
    external_id: [...EXTERNAL_ID, '社区编号', '社区编码'],
    name: ['name', 'community_name', '名称', '社区', '社区名称'],
    street_id: ['street_id', 'streetid', '街道编号', '街道编码', '街道id'],
    street_name: ['street_name', 'street', '街道', '街道名称', '街道名'],
  },
  staff: {
    username: ['username', 'user', 'account', 'login', '账号', '帐号', '用户名', '登录名', '登录账号'],
    name: ['name', 'full_name', '姓名', '名字', '人员姓名'],
    role: ['role', '角色', '岗位', '职务', '人员类别', '类别'],
    phone: ['phone', 'mobile', 'tel', 'telephone', '电话', '手机', '手机号', '手机号码', '联系电话', '联系方式'],
    email: ['email', 'e_mail', 'mail', '邮箱', '电子邮箱', '电子邮件'],
    street_id: ['street_id', 'streetid', 'street', '街道', '街道编号', '街道id', '所属街道'],
    community_id: ['community_id', 'communityid', 'community', '社区', '社区编号', '社区id', '所属社区'],
    grid_id: ['grid_id', 'gridid', 'grid', '网格', '网格编号', '网格id', '所属网格'],
    compound_ids: ['compound_ids', 'compound_id', 'compounds', 'compound', '小区', '小区编号', '小区id', '所属小区', '负责小区'],
    exit_ids: ['exit_ids', 'exit_id', 'exits', 'exit', '出入口', '出入口编号', '卡口', '卡口编号', '值守卡口'],
  },
  /** A CDC or big-data list of people to follow (重点人员名单): who, where they live, why. */
  people: {
    name: ['name', 'full_name', '姓名', '名字', '人员姓名'],
    phone: ['phone', 'mobile', 'tel', 'telephone', '电话', '手机', '手机号', '手机号码', '联系电话', '联系方式'],
    id_number: ['id_number', 'idnumber', 'id_card', 'idcard', '身份证', '身份证号', '身份证号码', '证件号码', '证件号'],
    ...COMPOUND_REFS,
    building: ['building', 'building_name', 'building_id', '楼栋', '楼号', '楼栋号', '栋'],
    unit: ['unit', '单元', '单元号'],
    room: ['room', 'room_number', '房号', '房间号', '门牌号', '室'],
    category: ['category', 'type', '类别', '人员类别', '人员类型', '类型'],
    reason: ['reason', '原因', '事由', '管控原因', '备注'],
    start_date: ['start_date', 'startdate', 'start', '开始日期', '起始日期', '观察开始日期', '返回日期', '抵达日期'],
    paired_with: ['paired_with', 'cadre', '结对干部', '结对人', '帮扶干部'],
  },
} as const satisfies Record<ImportKind, AliasTable>;

export type FieldOf<K extends ImportKind> = keyof (typeof FIELDS)[K] & string;

/** The columns a CSV of each kind cannot do without; each entry lists alternatives. */
export const REQUIRED_COLUMNS: Readonly<Record<ImportKind, readonly (readonly string[])[]>> = {
  compounds: [['name'], ['lng'], ['lat']],
  buildings: [['name'], COMPOUND_REF_FIELDS, ['units'], ['floors'], ['households_per_floor']],
  exits: [['name'], COMPOUND_REF_FIELDS, ['status'], ['lng'], ['lat']],
  communities: [],
  staff: [['username'], ['name'], ['role']],
  people: [['name'], COMPOUND_REF_FIELDS, ['building'], ['category'], ['reason']],
};

/**
 * Names compare after NFKC (full-width → half-width), lower case, without spaces, `_`, `-`, `.`
 * and a trailing unit in brackets: `面积（㎡）`, `Area_M2`, `AREA (m2)` all reduce alike.
 */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([][^)\]]*[)\]]\s*$/, '')
    .replace(/[\s_\-.]+/g, '');
}

const lookup = new Map<ImportKind, Map<string, string>>();

/** Normalised name → field, for one kind. The field's own name is always one of its names. */
function aliasesOf(kind: ImportKind): Map<string, string> {
  let table = lookup.get(kind);
  if (!table) {
    table = new Map();
    for (const [field, aliases] of Object.entries(FIELDS[kind] as AliasTable)) {
      for (const alias of [field, ...aliases]) {
        const key = normaliseHeader(alias);
        // The first field to claim a name keeps it (e.g. `id` is the external id, not a reference).
        if (!table.has(key)) table.set(key, field);
      }
    }
    lookup.set(kind, table);
  }
  return table;
}

const fieldsOf = (kind: ImportKind): readonly string[] => Object.keys(FIELDS[kind]);

/**
 * The field an explicit mapping names (`externalId` and `external_id` both work); a name that is
 * no field of the kind throws ImportFileError naming `query.columns`.
 */
export function checkExplicit(kind: ImportKind, name: string): string {
  const key = normaliseHeader(name);
  const field = fieldsOf(kind).find((f) => normaliseHeader(f) === key);
  if (!field) throw new ImportFileError('query.columns', `${name} is not a field of ${kind} (fields: ${fieldsOf(kind).join(', ')})`);
  return field;
}

/** Which column (by index) holds each field, and the header text each came from. */
export interface ColumnMapping {
  /** Field → column index. */
  readonly index: ReadonlyMap<string, number>;
  /** Field → the header as written in the file, for messages. */
  readonly header: ReadonlyMap<string, string>;
}

/**
 * Maps a header row to fields: explicit pairs first, then each remaining column by its name.
 * Throws ImportFileError (naming `query.columns` or `body`) when the mapping cannot work.
 */
export function mapColumns(
  kind: ImportKind,
  headers: readonly string[],
  explicit: Readonly<Record<string, string>> | undefined,
): ColumnMapping {
  const index = new Map<string, number>();
  const header = new Map<string, string>();
  const normalised = headers.map(normaliseHeader);
  for (const [name, column] of Object.entries(explicit ?? {})) {
    const field = checkExplicit(kind, name);
    let at = headers.findIndex((h) => h.replace(/^\uFEFF/, '').trim() === column.trim());
    if (at < 0) at = normalised.indexOf(normaliseHeader(column));
    if (at < 0) throw new ImportFileError('query.columns', `column "${column}" (for ${field}) is not in the header`);
    index.set(field, at);
    header.set(field, headers[at]?.trim() ?? column);
  }
  const taken = new Set(index.values());
  const aliases = aliasesOf(kind);
  normalised.forEach((name, at) => {
    if (taken.has(at)) return;
    const field = aliases.get(name);
    if (field && !index.has(field)) {
      index.set(field, at);
      header.set(field, headers[at]?.replace(/^\uFEFF/, '').trim() ?? field);
    }
  });
  return { index, header };
}

/**
 * Property names → fields for GeoJSON, cached per distinct set of names (features of one file
 * nearly always share theirs). Returns field → property name.
 */
export function propertyMapper(kind: ImportKind, explicit: Readonly<Record<string, string>> | undefined) {
  const cache = new Map<string, ColumnMapping>();
  return (names: readonly string[]): ColumnMapping => {
    const key = names.join('\u0000');
    let mapping = cache.get(key);
    if (!mapping) {
      mapping = mapProperties(kind, names, explicit);
      if (cache.size < 64) cache.set(key, mapping);
    }
    return mapping;
  };
}

/**
 * Like mapColumns, but a mapped property a feature lacks is not an error: the field is just
 * absent (field names in the mapping are checked once, by the reader).
 */
function mapProperties(kind: ImportKind, names: readonly string[], explicit: Readonly<Record<string, string>> | undefined): ColumnMapping {
  const present = Object.fromEntries(
    Object.entries(explicit ?? {}).filter(([, column]) => names.some((n) => normaliseHeader(n) === normaliseHeader(column))),
  );
  return mapColumns(kind, names, present);
}

/** How a rejection names a field: the header as written, and the field when they differ. */
export function fieldLabel(field: string, mapping: ColumnMapping | undefined): string {
  const header = mapping?.header.get(field);
  return header && header !== field ? `${header} (${field})` : field;
}

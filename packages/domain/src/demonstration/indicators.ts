import type { Level } from '../jurisdiction.js';
import { leafIdsOf } from './scoring.js';

type Labels<K extends string | number> = Record<K, { 'zh-CN': string; 'en-US': string }>;

/**
 * Indicator systems (指标体系): a tree of first-, second- and third-level indicators, versioned.
 * A draft version is edited, then published; a published version never changes (a new version
 * starts as a copy). Leaves carry the maximum score; a parent's score is the sum of its leaves.
 */
export const INDICATOR_LEVELS = [1, 2, 3] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];
export const INDICATOR_LEVEL_LABELS: Labels<IndicatorLevel> = {
  1: { 'zh-CN': '一级指标', 'en-US': 'First level' },
  2: { 'zh-CN': '二级指标', 'en-US': 'Second level' },
  3: { 'zh-CN': '三级指标', 'en-US': 'Third level' },
};

export const SYSTEM_VERSION_STATUSES = ['draft', 'published'] as const;
export type SystemVersionStatus = (typeof SYSTEM_VERSION_STATUSES)[number];
export const SYSTEM_VERSION_STATUS_LABELS: Labels<SystemVersionStatus> = {
  draft: { 'zh-CN': '草稿', 'en-US': 'Draft' },
  published: { 'zh-CN': '已发布', 'en-US': 'Published' },
};

/** Who takes part in a campaign: townships (镇街), or counties in a city's campaign. */
export const PARTICIPANT_LEVELS = ['township', 'county'] as const satisfies readonly Level[];
export type ParticipantLevel = (typeof PARTICIPANT_LEVELS)[number];

/** Campaigns are run by a city or a county. */
export const CAMPAIGN_OWNER_LEVELS = ['city', 'county'] as const satisfies readonly Level[];

/** The participant levels a campaign owned at `ownerLevel` may enrol: always below the owner. */
export function participantLevelsFor(ownerLevel: Level): ParticipantLevel[] {
  if (ownerLevel === 'city') return ['county', 'township'];
  if (ownerLevel === 'county') return ['township'];
  return [];
}

/** A node of a tree as the structural checks see it (scores in tenths). */
export interface TreeNode {
  id: number;
  parentId: number | null;
  level: number;
  code: string;
  maxScore: number | null;
  veto: boolean;
}

export const INDICATOR_MESSAGES = {
  empty: '指标体系中还没有指标',
  rootLevel: (code: string) => `指标“${code}”没有上级指标,应为一级指标`,
  missingParent: (code: string) => `指标“${code}”的上级指标不存在`,
  levelMismatch: (code: string) => `指标“${code}”的层级应比上级指标低一级`,
  tooDeep: '指标最多分为三级',
  leafScore: (code: string) => `末级指标“${code}”须设置大于 0 的分值`,
  duplicateCode: (code: string) => `指标编号“${code}”重复`,
  vetoOnParent: (code: string) => `一票否决只能设置在末级指标上(“${code}”有下级指标)`,
  notDraft: '已发布的版本不能修改,请先复制为新版本',
  alreadyPublished: '该版本已发布',
  notPublished: '只能使用已发布的指标体系版本',
  parentInOtherVersion: '上级指标不属于该版本',
  parentIsSelf: '上级指标不能是该指标本身或其下级',
  indicatorNotFound: '指标不存在',
  notOwnSystem: '只能为本级的指标体系新建版本',
  passLine: '命名分数线须在 0 到 100 分之间',
} as const;

/**
 * What keeps a tree from being published (zh-CN messages, empty when it may be): roots are
 * first-level, every child is one level below its parent, leaves have a positive maximum score,
 * veto flags sit on leaves, codes are unique.
 */
export function treeProblems(nodes: readonly TreeNode[]): string[] {
  if (nodes.length === 0) return [INDICATOR_MESSAGES.empty];
  const problems: string[] = [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const leaves = leafIdsOf(nodes);
  const codes = new Set<string>();
  for (const n of nodes) {
    if (codes.has(n.code)) problems.push(INDICATOR_MESSAGES.duplicateCode(n.code));
    codes.add(n.code);
    if (n.level > 3) problems.push(INDICATOR_MESSAGES.tooDeep);
    if (n.parentId === null) {
      if (n.level !== 1) problems.push(INDICATOR_MESSAGES.rootLevel(n.code));
    } else {
      const parent = byId.get(n.parentId);
      if (!parent) problems.push(INDICATOR_MESSAGES.missingParent(n.code));
      else if (n.level !== parent.level + 1) problems.push(INDICATOR_MESSAGES.levelMismatch(n.code));
    }
    if (leaves.has(n.id)) {
      if (n.maxScore === null || n.maxScore <= 0) problems.push(INDICATOR_MESSAGES.leafScore(n.code));
    } else if (n.veto) problems.push(INDICATOR_MESSAGES.vetoOnParent(n.code));
  }
  return problems;
}

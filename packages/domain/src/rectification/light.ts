import type { ItemStatus } from './lifecycle.js';
import { OPEN_STATUSES } from './lifecycle.js';

/** Traffic light (预警) of an item: derived, never stored as truth. */
export const LIGHTS = ['green', 'yellow', 'red', 'none'] as const;
export type Light = (typeof LIGHTS)[number];

export const LIGHT_LABELS: Record<Light, { 'zh-CN': string; 'en-US': string }> = {
  green: { 'zh-CN': '正常', 'en-US': 'On track' },
  yellow: { 'zh-CN': '临期', 'en-US': 'Due soon' },
  red: { 'zh-CN': '逾期', 'en-US': 'Overdue' },
  none: { 'zh-CN': '—', 'en-US': '—' },
};

/** Provinces use different colour rules, so the threshold is set per supervising jurisdiction. */
export interface LightRule {
  /** Yellow when the deadline is this many days away or fewer. */
  yellowWithinDays: number;
}
export const DEFAULT_LIGHT_RULE: LightRule = { yellowWithinDays: 7 };

const DAY_MS = 86_400_000;

/** Whole days from `today` to `deadline` (both yyyy-mm-dd); negative when past. */
export function daysUntil(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** Closed items have no light; an open item is red past its deadline, yellow near it. */
export function lightOf(item: { status: ItemStatus; deadline: string }, today: string, rule: LightRule = DEFAULT_LIGHT_RULE): Light {
  if (!OPEN_STATUSES.includes(item.status)) return 'none';
  const days = daysUntil(item.deadline, today);
  if (days < 0) return 'red';
  if (days <= rule.yellowWithinDays) return 'yellow';
  return 'green';
}

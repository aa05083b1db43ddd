import { ROLES, ROLE_LABELS } from '../roles.js';
import type { Role } from '../roles.js';
import { UNIT_KINDS, UNIT_KIND_LABELS } from '../org/schemas.js';
import type { UnitKind } from '../org/schemas.js';
import { levelOfCode } from '../jurisdiction.js';

/**
 * How the onboarding file's cells are read: role and unit-type labels as people write them,
 * and division codes in the forms in circulation (GB/T 2260 six digits, 12-digit statistical).
 */

/** Full-width punctuation and spaces as the half-width the labels use. */
const halfWidth = (s: string) => s.trim().replaceAll('(', '(').replaceAll(')', ')').replace(/\s+/g, '');

/** Other names offices use for the roles (督察员, 填报员 …), beside the labels and codes. */
const ROLE_ALIASES: Record<string, Role> = {
  督察员: 'supervisor',
  管理员: 'admin',
  系统管理员: 'admin',
  填报员: 'operator',
  审核员: 'leader',
  审核人: 'leader',
  查看: 'viewer',
  领导: 'viewer',
};

export function roleFromLabel(text: string): Role | null {
  const t = halfWidth(text);
  const lower = t.toLowerCase();
  return ROLES.find((r) => ROLE_LABELS[r]['zh-CN'] === t || r === lower) ?? ROLE_ALIASES[t] ?? null;
}

/** The role labels a file may use, for the help sheet and error messages. */
export const ROLE_LABEL_LIST = ROLES.map((r) => ROLE_LABELS[r]['zh-CN']).join('、');

/** A 角色 cell: labels separated by 、 , ; / or spaces. Unknown labels are returned as written. */
export function rolesFromCell(text: string): { roles: Role[]; unknown: string[] } {
  const parts = text.split(/[、,,;;/|\s]+/).filter((p) => p.trim() !== '');
  const roles = new Set<Role>();
  const unknown: string[] = [];
  for (const p of parts) {
    const role = roleFromLabel(p);
    if (role) roles.add(role);
    else unknown.push(p.trim());
  }
  return { roles: ROLES.filter((r) => roles.has(r)), unknown };
}

/** A 单位类型 cell; empty means 部门 (most units are departments). */
export function unitKindFromLabel(text: string): UnitKind | null {
  const t = halfWidth(text);
  if (t === '') return 'department';
  const aliases: Record<string, UnitKind> = { 乡镇: 'township_government', 街道: 'township_government', 乡镇政府: 'township_government', 街道办事处: 'township_government', 乡镇街道: 'township_government' };
  return UNIT_KINDS.find((k) => halfWidth(UNIT_KIND_LABELS[k]['zh-CN']) === t || k === t.toLowerCase()) ?? aliases[t] ?? null;
}

/**
 * A division code as our jurisdiction id (2/4/6/9 digits), or null. Also accepts the forms in
 * circulation: the 12-digit statistical code (371312001000 → 371312001), GB/T 2260's six digits
 * for a city or province (371300 → 3713, 370000 → 37) and trailing zeros of a 9-digit county
 * form (371312000 → 371312).
 */
export function normalizeDivisionCode(text: string): string | null {
  let code = text.trim();
  if (!/^\d+$/.test(code)) return null;
  if (code.length === 12) {
    if (!code.endsWith('000')) return null;
    code = code.slice(0, 9);
  }
  if (code.length === 9 && code.endsWith('000')) code = code.slice(0, 6);
  if (code.length === 6 && code.endsWith('00')) code = code.slice(0, 4);
  if (code.length === 4 && code.endsWith('00')) code = code.slice(0, 2);
  if (levelOfCode(code) === null || code.startsWith('0')) return null;
  return code;
}

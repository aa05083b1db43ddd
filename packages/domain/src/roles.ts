/**
 * Roles a user holds, scoped to the jurisdiction of the user's unit.
 * supervisor 督察: watches the subtree, takes supervisory actions on descendants.
 * admin 管理员: manages units and users of its own jurisdiction.
 * operator 填报: writes what its unit owns. leader 审核: approves its unit's submissions.
 * viewer 领导查看: reads, never edits.
 */
export const ROLES = ['supervisor', 'admin', 'operator', 'leader', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { 'zh-CN': string; 'en-US': string }> = {
  supervisor: { 'zh-CN': '督察', 'en-US': 'Supervisor' },
  admin: { 'zh-CN': '管理员', 'en-US': 'Administrator' },
  operator: { 'zh-CN': '填报', 'en-US': 'Operator' },
  leader: { 'zh-CN': '审核', 'en-US': 'Unit leader' },
  viewer: { 'zh-CN': '领导查看', 'en-US': 'Viewer' },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

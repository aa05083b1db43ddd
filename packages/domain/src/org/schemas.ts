import { z } from 'zod';
import { LEVELS } from '../jurisdiction.js';
import { ROLES } from '../roles.js';
import { usernameSchema } from '../auth/schemas.js';

export const idSchema = z.number().int().positive().max(2_147_483_647);
/** Jurisdiction ids are the numeric division code (2, 4, 6 or 9 digits). */
export const jurisdictionIdSchema = z.number().int().min(11).max(999_999_999);
const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字`);
export const versionSchema = z.number().int().min(0).max(2_147_483_647);

export const pageInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  /** Opaque keyset cursor from the previous page. */
  cursor: z.string().max(200).nullish(),
});

export const jurisdictionChildrenInput = z.object({ parentId: jurisdictionIdSchema.nullish() });
export const jurisdictionGetInput = z.object({ id: jurisdictionIdSchema });
export const jurisdictionSearchInput = z.object({
  q: z.string().trim().min(1, '请输入名称或代码').max(50),
  level: z.enum(LEVELS).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const UNIT_KINDS = ['office', 'department', 'township_government', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, { 'zh-CN': string; 'en-US': string }> = {
  office: { 'zh-CN': '办公室', 'en-US': 'Office' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  township_government: { 'zh-CN': '乡镇(街道)', 'en-US': 'Township government' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

export const unitListInput = pageInput.extend({
  jurisdictionId: jurisdictionIdSchema,
  q: z.string().trim().max(50).optional(),
  includeInactive: z.boolean().default(false),
});
export const unitCreateInput = z.object({
  jurisdictionId: jurisdictionIdSchema,
  name: text(60),
  shortName: text(30),
  kind: z.enum(UNIT_KINDS),
  sortOrder: z.number().int().min(0).max(9999).default(100),
});
export const unitUpdateInput = z.object({
  id: idSchema,
  version: versionSchema,
  name: text(60).optional(),
  shortName: text(30).optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
  isActive: z.boolean().optional(),
});

export const userListInput = pageInput.extend({
  jurisdictionId: jurisdictionIdSchema,
  q: z.string().trim().max(50).optional(),
  includeInactive: z.boolean().default(false),
});
export const userCreateInput = z.object({
  username: usernameSchema,
  displayName: text(40),
  unitId: idSchema,
  roles: z.array(z.enum(ROLES)).min(1, '至少选择一个角色').max(ROLES.length),
});
export const userDeactivateInput = z.object({ id: idSchema, version: versionSchema });
export const userResetPasswordInput = z.object({ id: idSchema });

export const auditListInput = pageInput.extend({
  jurisdictionId: jurisdictionIdSchema,
  action: z.string().trim().max(60).optional(),
  subjectType: z.string().trim().max(40).optional(),
});

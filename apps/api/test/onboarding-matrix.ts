import { ancestorIdsOfCode, subjectOf } from '@fz/domain';
import type { AppAbility } from '@fz/domain';
import type { Db } from '@fz/db';
import type { MatrixCase, Target } from './matrix.js';

/**
 * Onboarding imports (批量导入单位和用户). Uploads and files are HTTP routes (tested in
 * onboarding.int.test.ts); the procedures read the history and one import. The fixture is a
 * finished import of the target's own user, filed in the target's jurisdiction.
 */
export async function makeOnboardingFixture(db: Db, code: string, uploaderId: number): Promise<{ importId: number }> {
  const a = ancestorIdsOfCode(code);
  const row = await db
    .insertInto('onboarding_imports')
    .values({ jurisdiction_id: Number(code), province_id: a.provinceId, city_id: a.cityId, county_id: a.countyId, township_id: a.townshipId, uploaded_by: uploaderId, uploaded_by_name: '目标用户', file_name: '矩阵.xlsx', sha256: 'f'.repeat(64), size_bytes: 100, file_data: null, status: 'failed', finished_at: new Date(), error_count: 1, errors: JSON.stringify([{ sheet: '用户', row: 2, column: '角色', message: '未知的角色' }]) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { importId: row.id };
}

const readsImport = (a: AppAbility, t: Target) => a.can('read', subjectOf('OnboardingImport', { jurisdictionId: Number(t.code), ...ancestorIdsOfCode(t.code) }));
const readsNode = (a: AppAbility, t: Target) => a.can('read', subjectOf('Jurisdiction', { jurisdictionId: Number(t.code), ...ancestorIdsOfCode(t.code) }));

export const ONBOARDING_MATRIX: Record<string, MatrixCase> = {
  'onboarding.list': {
    run: async (c, t) => {
      const { importId } = await t.onboarding();
      return (await c.onboarding.list({ jurisdictionId: Number(t.code), limit: 200 })).items.some((i) => i.id === importId);
    },
    expected: (a, t) => readsNode(a, t) && readsImport(a, t),
  },
  'onboarding.get': {
    run: async (c, t) => {
      const { importId } = await t.onboarding();
      const got = await c.onboarding.get({ id: importId });
      return got.id === importId && got.errors.length === 1;
    },
    expected: (a, t) => readsImport(a, t),
  },
};

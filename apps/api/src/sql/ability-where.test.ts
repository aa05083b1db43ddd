import { describe, expect, it } from 'vitest';
import type { Database } from '@fz/db';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { ancestorIdsOfCode, defineAbilityFor } from '@fz/domain';
import { allowedWhere } from './ability-where.js';

const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const township = { userId: 1, unitId: 9, jurisdiction: { id: 371312001, level: 'township' as const, ...ancestorIdsOfCode('371312001') } };

describe('ability → Kysely WHERE', () => {
  it('binds the scope as a parameter on the scope level column', () => {
    const ability = defineAbilityFor({ ...township, roles: ['operator'] });
    const q = db.selectFrom('units as u').select('u.id').where(allowedWhere(ability, 'read', 'Unit', 'u')).compile();
    expect(q.sql).toBe('select "u"."id" from "units" as "u" where "u"."township_id" = $1');
    expect(q.parameters).toEqual([371312001]);
  });

  it('compiles to false when nothing is allowed', () => {
    const ability = defineAbilityFor({ ...township, roles: ['viewer'] });
    const q = db.selectFrom('users as u').select('u.id').where(allowedWhere(ability, 'read', 'User', 'u')).compile();
    expect(q.sql).toContain('where false');
  });
});

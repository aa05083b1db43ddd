import { sql } from 'kysely';
import type { Expression, SqlBool } from 'kysely';
import type { Action, AppAbility, SqlCondition, SubjectType } from '@fz/domain';
import { sqlConditionFor } from '@fz/domain';

/**
 * Turns the ability's rules for (action, subject) into a WHERE expression on table `alias`.
 * Column names come from the domain's allow-list only; values are always bound parameters.
 */
export function allowedWhere(ability: AppAbility, action: Action, subject: SubjectType, alias: string): Expression<SqlBool> {
  return build(sqlConditionFor(ability, action, subject), alias);
}

function build(c: SqlCondition, alias: string): Expression<SqlBool> {
  switch (c.op) {
    case 'true':
      return sql<SqlBool>`true`;
    case 'false':
      return sql<SqlBool>`false`;
    case 'and':
    case 'or':
      return sql<SqlBool>`(${sql.join(
        c.items.map((i) => build(i, alias)),
        c.op === 'and' ? sql` and ` : sql` or `,
      )})`;
    case 'not':
      return sql<SqlBool>`not (${build(c.item, alias)})`;
    case 'eq':
      return sql<SqlBool>`${sql.ref(`${alias}.${c.column}`)} = ${c.value}`;
    case 'in':
      if (c.values.length === 0) return sql<SqlBool>`false`;
      return sql<SqlBool>`${sql.ref(`${alias}.${c.column}`)} in (${sql.join(c.values)})`;
  }
}

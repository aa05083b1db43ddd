import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Action, AppAbility, SqlCondition, SubjectType } from '@fz/domain';
import { sqlConditionFor } from '@fz/domain';

/**
 * Turns the ability's rules for (action, subject) into a WHERE expression on `alias`.
 * Column names come from the domain's allow-list only; values are always bound parameters.
 */
export function allowedWhere<DB, TB extends keyof DB>(
  ability: AppAbility,
  action: Action,
  subject: SubjectType,
  alias: string,
): (eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool> {
  const condition = sqlConditionFor(ability, action, subject);
  return (eb) => build(eb, condition, alias);
}

function build<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, c: SqlCondition, alias: string): Expression<SqlBool> {
  switch (c.op) {
    case 'true':
      return sql<SqlBool>`true`;
    case 'false':
      return sql<SqlBool>`false`;
    case 'and':
      return eb.and(c.items.map((i) => build(eb, i, alias)));
    case 'or':
      return eb.or(c.items.map((i) => build(eb, i, alias)));
    case 'not':
      return eb.not(build(eb, c.item, alias));
    case 'eq':
      return sql<SqlBool>`${sql.ref(`${alias}.${c.column}`)} = ${c.value}`;
    case 'in':
      if (c.values.length === 0) return sql<SqlBool>`false`;
      return sql<SqlBool>`${sql.ref(`${alias}.${c.column}`)} in (${sql.join(c.values)})`;
  }
}

import { rulesToAST } from '@casl/ability/extra';
import type { Action, AppAbility, SubjectType } from './ability.js';

/** Fields that may appear in SQL conditions, mapped to their column names. */
export const SQL_FIELDS = {
  id: 'id',
  provinceId: 'province_id',
  cityId: 'city_id',
  countyId: 'county_id',
  townshipId: 'township_id',
  jurisdictionId: 'jurisdiction_id',
  unitId: 'unit_id',
  supervisingJurisdictionId: 'supervising_jurisdiction_id',
  reviewerJurisdictionId: 'reviewer_jurisdiction_id',
  ownerJurisdictionId: 'owner_jurisdiction_id',
  status: 'status',
} as const;
export type SqlField = keyof typeof SQL_FIELDS;
type Scalar = number | string;

/** A neutral condition tree the API turns into a Kysely WHERE clause. */
export type SqlCondition =
  | { op: 'true' }
  | { op: 'false' }
  | { op: 'and' | 'or'; items: SqlCondition[] }
  | { op: 'not'; item: SqlCondition }
  | { op: 'eq'; column: (typeof SQL_FIELDS)[SqlField]; value: Scalar }
  | { op: 'in'; column: (typeof SQL_FIELDS)[SqlField]; values: Scalar[] };

interface AstNode {
  operator: string;
  field?: string;
  value: unknown;
}

export class UntranslatableConditionError extends Error {}

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'number' || typeof v === 'string';
}

function column(field: string | undefined): (typeof SQL_FIELDS)[SqlField] {
  if (field !== undefined && Object.hasOwn(SQL_FIELDS, field)) return SQL_FIELDS[field as SqlField];
  throw new UntranslatableConditionError(`field not allowed in SQL conditions: ${String(field)}`);
}

function translate(node: AstNode): SqlCondition {
  switch (node.operator) {
    case 'and':
    case 'or': {
      const items = (node.value as AstNode[]).map(translate);
      if (items.length === 0) return { op: node.operator === 'and' ? 'true' : 'false' };
      return items.length === 1 ? items[0]! : { op: node.operator, items };
    }
    case 'not': {
      // An inverted rule's conditions arrive as a list (implicitly AND-ed) or a single node.
      const inner = Array.isArray(node.value) ? translate({ operator: 'and', value: node.value }) : translate(node.value as AstNode);
      return { op: 'not', item: inner };
    }
    case 'eq':
      if (!isScalar(node.value)) throw new UntranslatableConditionError('eq needs a scalar');
      return { op: 'eq', column: column(node.field), value: node.value };
    case 'in': {
      const values = node.value as unknown[];
      if (!Array.isArray(values) || !values.every(isScalar)) {
        throw new UntranslatableConditionError('in needs scalars');
      }
      return { op: 'in', column: column(node.field), values };
    }
    default:
      throw new UntranslatableConditionError(`operator not allowed: ${node.operator}`);
  }
}

/**
 * The rows `ability` may `action` on `subject`, as a SQL-ready condition. Fails closed:
 * no rule gives `false`; an unknown field or operator throws instead of widening access.
 */
export function sqlConditionFor(ability: AppAbility, action: Action, subject: SubjectType): SqlCondition {
  const ast = rulesToAST(ability, action, subject) as AstNode | null;
  if (ast === null) return { op: 'false' };
  return translate(ast);
}

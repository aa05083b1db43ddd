import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { DEFAULT_LIGHT_RULE, OPEN_STATUSES } from '@fz/domain';
import type { Light } from '@fz/domain';

/**
 * The traffic light in SQL, the same rule as the domain's `lightOf`: no light once closed, red
 * past the deadline, yellow within the supervising level's threshold (light_yellow_days reads
 * it past RLS; the domain default otherwise), else green. `today` is a bound parameter.
 */
export function lightSql(alias: string, today: string): RawBuilder<Light> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<Light>`case
    when ${col('status')} not in (${sql.join([...OPEN_STATUSES])}) then 'none'
    when ${col('deadline')} < ${today}::date then 'red'
    when ${col('deadline')} <= ${today}::date + coalesce(light_yellow_days(${col('supervising_jurisdiction_id')}), ${DEFAULT_LIGHT_RULE.yellowWithinDays}) then 'yellow'
    else 'green' end`;
}

/** Whole days from today to the deadline; negative when overdue. */
export function daysLeftSql(alias: string, today: string): RawBuilder<number> {
  return sql<number>`(${sql.ref(`${alias}.deadline`)} - ${today}::date)`;
}

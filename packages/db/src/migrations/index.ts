import type { Migration } from 'kysely';
import * as foundation from './2026112301_foundation.js';
import * as rowLevelSecurity from './2026112302_row_level_security.js';
import * as rectification from './2026112303_rectification.js';
import * as jobs from './2026112304_jobs.js';
import * as demonstration from './2026112501_demonstration.js';
import * as rollups from './2026112502_rollups.js';
import * as plans from './2026112503_plans.js';
import * as indicatorsReports from './2026112601_indicators_reports.js';
import * as onboarding from './2026112701_onboarding.js';
import * as ledgerExports from './2026120301_ledger_exports.js';

/**
 * Every migration, listed by hand rather than found on disk so bundlers keep them. Names sort
 * in application order; never rename or edit one that has shipped (forward-only).
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '2026112301_foundation': foundation,
  '2026112302_row_level_security': rowLevelSecurity,
  '2026112303_rectification': rectification,
  '2026112304_jobs': jobs,
  '2026112501_demonstration': demonstration,
  '2026112502_rollups': rollups,
  '2026112503_plans': plans,
  '2026112601_indicators_reports': indicatorsReports,
  '2026112701_onboarding': onboarding,
  '2026120301_ledger_exports': ledgerExports,
};

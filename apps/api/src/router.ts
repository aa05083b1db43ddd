import { router } from './trpc/init.js';
import { authRouter } from './modules/auth/router.js';
import { jurisdictionsRouter } from './modules/jurisdictions/router.js';
import { unitsRouter } from './modules/units/router.js';
import { usersRouter } from './modules/users/router.js';
import { auditRouter } from './modules/audit/router.js';
import { inspectionsRouter } from './modules/inspections/router.js';
import { itemsRouter } from './modules/items/router.js';
import { noticesRouter } from './modules/notices/router.js';
import { lightRulesRouter } from './modules/light-rules/router.js';
import { dashboardRouter } from './modules/dashboard/router.js';
import { jobsRouter } from './modules/jobs/router.js';
import { plansRouter } from './modules/plans/router.js';
import { assignmentsRouter } from './modules/assignments/router.js';
import { demonstrationRouter } from './modules/demonstration/router.js';
import { metricsRouter } from './modules/metrics/router.js';
import { annualReportsRouter } from './modules/annual-reports/router.js';
import { onboardingRouter } from './modules/onboarding/router.js';
import { ledgerExportsRouter } from './modules/exports/router.js';

export const appRouter = router({
  auth: authRouter,
  jurisdictions: jurisdictionsRouter,
  units: unitsRouter,
  users: usersRouter,
  audit: auditRouter,
  inspections: inspectionsRouter,
  items: itemsRouter,
  notices: noticesRouter,
  lightRules: lightRulesRouter,
  dashboard: dashboardRouter,
  jobs: jobsRouter,
  plans: plansRouter,
  assignments: assignmentsRouter,
  demonstration: demonstrationRouter,
  metrics: metricsRouter,
  annualReports: annualReportsRouter,
  onboarding: onboardingRouter,
  ledgerExports: ledgerExportsRouter,
});

export type AppRouter = typeof appRouter;

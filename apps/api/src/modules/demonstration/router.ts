import { router } from '../../trpc/init.js';
import { applicationsRouter } from './applications/router.js';
import { campaignsRouter } from './campaigns/router.js';
import { reportsRouter } from './reports/router.js';
import { systemsRouter } from './systems/router.js';

/** Demonstration creation (示范创建): standards, campaigns, applications, progress reports. */
export const demonstrationRouter = router({
  systems: systemsRouter,
  campaigns: campaignsRouter,
  applications: applicationsRouter,
  reports: reportsRouter,
});

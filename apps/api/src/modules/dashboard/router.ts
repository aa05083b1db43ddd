import { router } from '../../trpc/init.js';
import { getDashboard } from './get.js';

/** Supervision dashboards (督察看板). The per-child Excel export is a plain HTTP route (http/dashboard-excel.ts). */
export const dashboardRouter = router({
  get: getDashboard,
});

import { router } from './trpc/init.js';
import { authRouter } from './modules/auth/router.js';
import { jurisdictionsRouter } from './modules/jurisdictions/router.js';
import { unitsRouter } from './modules/units/router.js';
import { usersRouter } from './modules/users/router.js';
import { auditRouter } from './modules/audit/router.js';

export const appRouter = router({
  auth: authRouter,
  jurisdictions: jurisdictionsRouter,
  units: unitsRouter,
  users: usersRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EXCEL_MESSAGES, MESSAGES, dashboardGetInput } from '@fz/domain';
import type { DashboardGetInput } from '@fz/domain';
import type { Services } from '../trpc/context.js';
import { exportDashboardChildren } from '../modules/dashboard/export.js';
import { HttpFailure, callerOf, sendError, sendXlsx } from './session-route.js';

const MAX_INPUT_CHARS = 1000;

/** `?input=<JSON>`: the object dashboard.get takes. */
function dashboardInput(req: FastifyRequest): DashboardGetInput {
  const raw = (req.query as { input?: unknown }).input;
  let value: unknown = {};
  if (raw !== undefined) {
    if (typeof raw !== 'string' || raw.length > MAX_INPUT_CHARS) throw new HttpFailure(400, EXCEL_MESSAGES.badFilter);
    try {
      value = JSON.parse(raw);
    } catch {
      throw new HttpFailure(400, EXCEL_MESSAGES.badFilter);
    }
  }
  const parsed = dashboardGetInput.safeParse(value);
  if (!parsed.success) throw new HttpFailure(400, EXCEL_MESSAGES.badFilter);
  return parsed.data;
}

/**
 * GET /api/dashboard/children.xlsx?input=<JSON of dashboard.get's input>: the per-child table
 * of a dashboard as Excel, with dashboard.get's checks (session, ability, RLS scope) and an
 * audit row.
 */
export function registerDashboardExcelRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/dashboard/children.xlsx', async (req, reply) => {
    try {
      const { ctx, scope } = await callerOf(services, req, false);
      if (!ctx.ability.can('read', 'RectificationItem')) throw new HttpFailure(403, MESSAGES.forbidden);
      const input = dashboardInput(req);
      const file = await services.runScoped(scope, (tx) => exportDashboardChildren(tx, ctx, services.today(), input));
      return sendXlsx(reply, file);
    } catch (e) {
      return sendError(req, reply, e, MESSAGES.badInput);
    }
  });
}

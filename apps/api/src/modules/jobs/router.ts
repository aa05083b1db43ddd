import { assertCan, authorized, router } from '../../trpc/init.js';
import { failedJobs, queueTablesExist } from '../../jobs/queue-tables.js';
import { failedJobsInput, failedJobsOutput } from './failed.types.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * The background job queue, for the deployment's operators. Its tables are not tenant data
 * (schema pgboss, no RLS, no grant to the request role): they are read as the connecting role,
 * and CASL alone decides who may (a province's admins and supervisors, from their own province).
 */
export const jobsRouter = router({
  /** Dead letters: jobs that failed after their last retry, newest first (kept 7 days). */
  failed: authorized('read', 'JobQueue')
    .input(failedJobsInput)
    .output(failedJobsOutput)
    .query(async ({ ctx, input }) => {
      const { id, level: _level, ...ancestors } = ctx.principal.jurisdiction;
      assertCan(ctx.ability, 'read', 'JobQueue', { ...ancestors, jurisdictionId: id });
      const { db } = ctx.services;
      if (!(await queueTablesExist(db))) return { items: [] };
      const rows = await failedJobs(db, input.limit);
      return {
        items: rows.map((r) => ({
          id: r.id,
          queue: r.queue,
          createdAt: new Date(r.created_on).toISOString(),
          startedAt: iso(r.started_on),
          failedAt: iso(r.completed_on),
          retries: r.retry_count,
          error: r.error,
        })),
      };
    }),
});

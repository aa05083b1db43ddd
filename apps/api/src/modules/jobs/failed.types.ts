import { z } from 'zod';

export const failedJobsInput = z.object({ limit: z.number().int().min(1).max(100).default(50) });

const failedJob = z.object({
  id: z.string(),
  /** The queue: overdue-sweep, orphan-cleanup. */
  queue: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  /** Retries made before giving up. */
  retries: z.number().int(),
  /** The last error's message (≤ 500 characters); the stack stays in the worker's log. */
  error: z.string().nullable(),
});

export const failedJobsOutput = z.object({ items: z.array(failedJob) });
export type FailedJob = z.infer<typeof failedJob>;

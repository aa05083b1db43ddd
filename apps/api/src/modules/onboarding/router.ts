import { onboardingGetInput, onboardingListInput } from '@fz/domain';
import { authorized, router } from '../../trpc/init.js';
import { allowedWhere } from '../../sql/ability-where.js';
import { decodeCursor, encodeCursor, numberAt } from '../../sql/cursor.js';
import { readableJurisdiction } from '../jurisdictions/queries.js';
import { credentialsWaiting, importColumns, importDto, importErrors, readableImport } from './queries.js';

/**
 * Onboarding imports (批量导入单位和用户): the history of a jurisdiction and one import with its
 * progress, which the page polls while the job runs. Uploads and files are plain HTTP routes
 * (`http/onboarding.ts`).
 */
export const onboardingRouter = router({
  list: authorized('read', 'OnboardingImport')
    .input(onboardingListInput)
    .query(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        await readableJurisdiction(tx, ctx.ability, input.jurisdictionId);
        const after = decodeCursor(input.cursor);
        let q = tx
          .selectFrom('onboarding_imports as o')
          .select(importColumns)
          .where('o.jurisdiction_id', '=', input.jurisdictionId)
          .where(allowedWhere(ctx.ability, 'read', 'OnboardingImport', 'o'))
          .orderBy('o.id', 'desc')
          .limit(input.limit + 1);
        if (after) q = q.where('o.id', '<', numberAt(after, 0));
        const rows = await q.execute();
        const page = rows.slice(0, input.limit);
        const last = page.at(-1);
        return {
          items: page.map((r) => importDto(r, ctx.principal.userId)),
          nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
        };
      }),
    ),

  get: authorized('read', 'OnboardingImport')
    .input(onboardingGetInput)
    .query(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const row = await readableImport(tx, ctx.ability, input.id);
        const finished = row.status === 'succeeded' || row.status === 'failed';
        return {
          ...importDto(row, ctx.principal.userId),
          // Only once finished: the page polls while it runs, and the list can be a thousand lines.
          errors: row.status === 'failed' ? await importErrors(tx, row.id) : [],
          credentials: finished ? await credentialsWaiting(tx, row.id) : null,
        };
      }),
    ),
});

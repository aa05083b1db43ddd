import { AppError, editBlockedReason, itemFlagInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { changeItem } from './events.js';
import { assertVersion, itemDto, visibleItem } from './queries.js';

/** 挂牌督办: the supervising level flags a serious or stale item, or lifts the flag. */
export const flagItem = authorized('flag', 'RectificationItem')
  .input(itemFlagInput)
  .mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const before = await visibleItem(tx, ctx.ability, input.id, 'flag');
      assertVersion(before, input.version);
      if (input.flagged) {
        const blocked = editBlockedReason(before.status, 'flag');
        if (blocked !== null) throw new AppError('BAD_REQUEST', blocked);
      }
      const changes = input.flagged ? { flagged: true, flagged_at: new Date(), flag_reason: input.reason ?? null } : { flagged: false, flagged_at: null, flag_reason: null };
      const after = await changeItem(tx, ctx, before, before.version, changes, { event: input.flagged ? 'flag' : 'unflag', reason: input.reason ?? null });
      return itemDto(after);
    }),
  );

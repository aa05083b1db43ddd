import { itemListInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { encodeCursor } from '../../sql/cursor.js';
import { ledgerItem, ledgerKey, ledgerRows } from './ledger.js';

/** The ledger (整改台账), one keyset page at a time; the filtering is `ledgerRows`, shared with the Excel export. */
export const listItems = authorized('read', 'RectificationItem')
  .input(itemListInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const rows = await ledgerRows(tx, ctx, ctx.services.today(), input, { limit: input.limit + 1, cursor: input.cursor });
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: page.map(ledgerItem),
        nextCursor: rows.length > input.limit && last ? encodeCursor(ledgerKey(input.sort, last)) : null,
      };
    }),
  );

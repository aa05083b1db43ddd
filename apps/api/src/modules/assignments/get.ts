import { assignmentGetInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { describeAssignments } from './describe.js';
import { visibleAssignment } from './queries.js';

/** One assignment with every report it made (and their files), its reminders and, for a lead, its co-units. */
export const getAssignment = authorized('read', 'PlanAssignment')
  .input(assignmentGetInput)
  .query(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      const row = await visibleAssignment(tx, ctx.ability, input.id);
      const [view] = await describeAssignments(tx, ctx.ability, [row], { today: ctx.services.today(), history: true });
      return view!;
    }),
  );

import { evidenceRemoveInput } from '@fz/domain';
import { authorized } from '../../../trpc/init.js';
import { removeEvidenceFile } from './files.js';

/** Takes an evidence file off a self-assessment while the application can still be edited. */
export const removeEvidence = authorized('save', 'Application')
  .input(evidenceRemoveInput)
  .mutation(({ ctx, input }) => ctx.tx((tx) => removeEvidenceFile(tx, ctx, input.id)));

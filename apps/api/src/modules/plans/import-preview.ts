import { planImportPreviewInput } from '@fz/domain';
import { authorized } from '../../trpc/init.js';
import { planImportPreview } from './preview.js';

/** Pasted text → a draft plan to review (nothing stored); a .docx goes through POST /api/plans/import-preview. */
export const importPreview = authorized('create', 'Plan')
  .input(planImportPreviewInput)
  .mutation(({ ctx, input }) => ctx.tx((tx) => planImportPreview(tx, ctx.ability, input, ctx.services.today())));

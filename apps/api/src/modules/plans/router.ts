import { router } from '../../trpc/init.js';
import { planCoverage } from './coverage.js';
import { createDraft, saveDraft } from './draft.js';
import { getPlan } from './get.js';
import { planGrid } from './grid.js';
import { importPreview } from './import-preview.js';
import { linkTasks } from './link.js';
import { listPlans } from './list.js';
import { publishPlan } from './publish.js';
import { remindPlan } from './remind.js';

/** Plans (实施方案 / 工作要点) and their task cascade: one procedure per file, composed here. */
export const plansRouter = router({
  importPreview,
  createDraft,
  saveDraft,
  publish: publishPlan,
  list: listPlans,
  get: getPlan,
  link: linkTasks,
  grid: planGrid,
  remind: remindPlan,
  coverage: planCoverage,
});

import { router } from '../../../trpc/init.js';
import { createSystem } from './create.js';
import { getVersion } from './get.js';
import { listSystems } from './list.js';
import { newDraft } from './new-draft.js';
import { publishVersion } from './publish.js';
import { deleteIndicator, saveIndicator } from './save-indicator.js';
import { updateVersion } from './update-version.js';

/** Indicator systems (指标体系) and their versions. */
export const systemsRouter = router({
  list: listSystems,
  get: getVersion,
  create: createSystem,
  newDraft,
  updateVersion,
  saveIndicator,
  deleteIndicator,
  publish: publishVersion,
});

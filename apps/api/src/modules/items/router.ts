import { router } from '../../trpc/init.js';
import { createItem } from './create.js';
import { assignItem, delegateItem, setMeasures, updateItem } from './edit.js';
import { flagItem } from './flag.js';
import { getItem } from './get.js';
import { listItems } from './list.js';
import { transitionItem } from './transition.js';

/** Rectification items (整改事项): one procedure per file, composed here. */
export const itemsRouter = router({
  create: createItem,
  list: listItems,
  get: getItem,
  update: updateItem,
  setMeasures,
  assign: assignItem,
  delegate: delegateItem,
  transition: transitionItem,
  flag: flagItem,
});

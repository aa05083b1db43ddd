import { router } from '../../../trpc/init.js';
import { campaignBoard } from './board.js';
import { createCampaign } from './create.js';
import { getCampaign } from './get.js';
import { listCampaigns } from './list.js';
import { updateCampaign } from './update.js';

/** Demonstration campaigns (创建活动) and their progress board. */
export const campaignsRouter = router({
  create: createCampaign,
  list: listCampaigns,
  get: getCampaign,
  update: updateCampaign,
  board: campaignBoard,
});

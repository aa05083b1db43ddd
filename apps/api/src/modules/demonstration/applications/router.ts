import { router } from '../../../trpc/init.js';
import { evaluateApplication } from './evaluate.js';
import { getApplication } from './get.js';
import { listApplications } from './list.js';
import { removeEvidence } from './remove-evidence.js';
import { reviewAssessment } from './review.js';
import { saveAssessment } from './save-assessment.js';
import { transitionApplication } from './transition.js';

/** Demonstration applications (申报): self-assessment, first review, evaluation and naming. */
export const applicationsRouter = router({
  list: listApplications,
  get: getApplication,
  saveAssessment,
  review: reviewAssessment,
  transition: transitionApplication,
  evaluate: evaluateApplication,
  removeEvidence,
});

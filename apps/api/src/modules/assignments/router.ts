import { router } from '../../trpc/init.js';
import { getAssignment } from './get.js';
import { myAssignments } from './mine.js';
import { reportProgress } from './report.js';

/** Tasks handed to units by published plans, and their progress reports (进展报送). */
export const assignmentsRouter = router({
  mine: myAssignments,
  get: getAssignment,
  report: reportProgress,
});

import { router } from '../../../trpc/init.js';
import { listReports } from './list.js';
import { postReport } from './post.js';

/** Progress reports (进展报送) of participants, and the supervisors' timeline of them. */
export const reportsRouter = router({ post: postReport, list: listReports });

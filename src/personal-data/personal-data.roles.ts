import { Role } from '../auth/role.enum';

/** An owner's access log and subject-access report: the ministry, within jurisdiction. */
export const SUBJECT_ACCESS_READERS: readonly Role[] = [Role.Admin, Role.Officer, Role.Supervisor];

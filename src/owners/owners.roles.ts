import { Role } from '../auth/role.enum';

/** Officers and supervisors write only inside their jurisdiction; the use cases check it. */
export const OWNER_WRITERS: readonly Role[] = [Role.Admin, Role.Officer, Role.Supervisor];
export const OWNER_READERS: readonly Role[] = [Role.Admin, Role.Officer, Role.Supervisor, Role.Police];

/** Licence suspension, reinstatement, renewal and evidence: officers and supervisors within their jurisdiction. */
export const LICENCE_KEEPERS: readonly Role[] = [Role.Admin, Role.Officer, Role.Supervisor];

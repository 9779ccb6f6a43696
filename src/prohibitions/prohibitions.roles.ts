import { Role } from '../auth/role.enum';

/**
 * Court prohibitions are recorded, lifted and read by supervisors and admins, nationwide (the
 * roles table gives supervisors this capability without a jurisdiction); never by officers.
 */
export const PROHIBITION_KEEPERS: readonly Role[] = [Role.Admin, Role.Supervisor];

import { Role } from '../auth/role.enum';

/** Notifications are read by admins nationwide and by officers and supervisors within their jurisdiction. */
export const NOTIFICATION_READERS: readonly Role[] = [Role.Admin, Role.Officer, Role.Supervisor];
/** Running the reminders now is an admin's call. */
export const NOTIFICATION_RUNNERS: readonly Role[] = [Role.Admin];

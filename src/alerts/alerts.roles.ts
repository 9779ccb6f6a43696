import { Role } from '../auth/role.enum';

/** Alerts are seen and acknowledged by those who trace weapons: everyone but auditors. */
export const ALERT_HANDLERS = [Role.Admin, Role.Officer, Role.Supervisor, Role.Police];

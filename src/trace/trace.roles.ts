import { Role } from '../auth/role.enum';

/** Trace search, trace records, trace requests and alerts: everyone but auditors. */
export const TRACERS = [Role.Admin, Role.Officer, Role.Supervisor, Role.Police];

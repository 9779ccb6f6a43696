import { Role } from '../auth/role.enum';

/** Trace search, trace records, trace requests and alerts: everyone but auditors. */
export const TRACERS = [Role.Admin, Role.Officer, Role.Supervisor, Role.Police];

/** The competent authorities that record a finding of illicit origin on a trace request. */
export const ORIGIN_AUTHORITIES = [Role.Admin, Role.Supervisor, Role.Police];

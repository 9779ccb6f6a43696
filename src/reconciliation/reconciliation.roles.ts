import { Role } from '../auth/role.enum';

/** Reconciliation runs and their findings: admins and auditors. */
export const RECONCILERS: readonly Role[] = [Role.Admin, Role.Auditor];

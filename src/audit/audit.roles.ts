import { Role } from '../auth/role.enum';

/** Reading, verifying and exporting the audit chain, and asking for a checkpoint. */
export const AUDIT_READERS: readonly Role[] = [Role.Admin, Role.Auditor];

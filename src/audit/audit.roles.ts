import { Role } from '../auth/role.enum';

/** Reading, verifying and exporting the audit chain, and asking for a checkpoint. */
export const AUDIT_READERS: readonly Role[] = [Role.Admin, Role.Auditor];

/** The transparency log's public face: checkpoints, the public key, the tree head and proofs. Witnesses read these alone. */
export const AUDIT_LOG_READERS: readonly Role[] = [Role.Admin, Role.Auditor, Role.Witness];

/** Registering a witness. */
export const WITNESS_REGISTRARS: readonly Role[] = [Role.Admin];

/** Posting a cosignature: the witness's own user. */
export const COSIGNERS: readonly Role[] = [Role.Witness];

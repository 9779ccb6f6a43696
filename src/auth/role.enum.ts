export enum Role {
  Admin = 'admin',
  Officer = 'officer',
  Supervisor = 'supervisor',
  Police = 'police',
  Auditor = 'auditor',
  Witness = 'witness',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

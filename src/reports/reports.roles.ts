import { ALL_ROLES, Role } from '../auth/role.enum';

/** Reports are national reading for every role, auditors included, but not witnesses (API.md, "Roles and scope"). */
export const REPORT_USERS: Role[] = ALL_ROLES.filter((role) => role !== Role.Witness);

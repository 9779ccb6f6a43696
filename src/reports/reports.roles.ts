import { ALL_ROLES, type Role } from '../auth/role.enum';

/** Reports are national reading for every role, auditors included (API.md, "Roles and scope"). */
export const REPORT_USERS: Role[] = [...ALL_ROLES];

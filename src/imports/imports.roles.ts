import { Role } from '../auth/role.enum';

/** Imports write weapons: the registry's writers, officers and supervisors within their jurisdiction. */
export const IMPORTERS = [Role.Admin, Role.Officer, Role.Supervisor];

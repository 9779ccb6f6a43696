import { type Role } from './role.enum';

/** The authenticated caller, as loaded fresh from the database on every request. */
export interface Principal {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  jurisdiction: string[] | null;
  sessionId: string;
}

/** The work role's name when DATABASE_APP_URL is not given: created by the start, without a password. */
export const DEFAULT_APP_ROLE = 'registry_app';

/** DATABASE_URL with its user replaced by the default work role and no password. */
export function defaultAppUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = DEFAULT_APP_ROLE;
  url.password = '';
  return url.toString();
}

export function userOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

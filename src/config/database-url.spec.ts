import { DEFAULT_APP_ROLE, defaultAppUrl, userOf } from './database-url';

describe('defaultAppUrl', () => {
  it('replaces the user of the owner URL by the work role and drops the password', () => {
    expect(defaultAppUrl('postgres://postgres:secret@db.example:5433/registry?sslmode=require')).toBe(
      `postgres://${DEFAULT_APP_ROLE}@db.example:5433/registry?sslmode=require`,
    );
  });

  it('names the work role where the owner URL names no user', () => {
    expect(userOf(defaultAppUrl('postgres://127.0.0.1/registry'))).toBe(DEFAULT_APP_ROLE);
  });
});

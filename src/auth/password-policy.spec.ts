import { render } from '../i18n/message';
import { describeWeakness, MIN_PASSWORD_LENGTH, passwordWeakness } from './password-policy';

describe('passwordWeakness', () => {
  it('accepts a long passphrase', () => {
    expect(passwordWeakness('correct horse battery staple 42', 'ana.castillo')).toBeNull();
  });

  it.each([
    ['eleven char', 'too_short'],
    ['Password1234', 'common'],
    ['CONTRASEÑA123', 'common'],
    ['abababababababab', 'repetitive'],
    ['ana.castillo-2026!', 'contains_username'],
  ])('finds %s %s', (password, weakness) => {
    expect(passwordWeakness(password, 'ana.castillo')).toBe(weakness);
  });

  it('counts characters, not bytes', () => {
    expect(passwordWeakness('ñ'.repeat(MIN_PASSWORD_LENGTH - 1) + 'xyz')).toBeNull();
    expect(passwordWeakness('ñáé'.repeat(3) + 'xy')).toBe('too_short');
  });

  it('describes every weakness', () => {
    for (const weakness of ['too_short', 'common', 'repetitive', 'contains_username'] as const) {
      expect(render(describeWeakness(weakness), 'es')).toMatch(/\w/);
      expect(render(describeWeakness(weakness), 'en')).toMatch(/\w/);
    }
  });
});

import { type Message, msg } from '../i18n/message';
export const MIN_PASSWORD_LENGTH = 12;

/**
 * Passwords of 12 characters or more that appear near the top of public breach lists, plus
 * local favourites. Shorter ones are refused by length already.
 */
const COMMON_PASSWORDS = new Set([
  '000000000000', '111111111111', '123123123123', '123456789012', '1234567890123', '12345678901234',
  '123456789123', '1234567890qwerty', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'aaaaaaaaaaaa', 'abc123456789',
  'abcdefghijkl', 'administrador', 'administrator', 'asdfghjkl123', 'asdfghjklñ12', 'baseball1234',
  'changeme1234', 'contraseña123', 'contraseña1234', 'contrasena123', 'contrasena1234', 'dragon123456',
  'football1234', 'iloveyou1234', 'letmein12345', 'monkey123456', 'p@ssw0rd1234', 'p@ssword1234',
  'panama123456', 'panama2024!!', 'panama2025!!', 'panama2026!!', 'passw0rd1234', 'password1234',
  'password12345', 'password123456', 'password!234', 'princess1234', 'qazwsxedcrfv', 'qwerty123456',
  'qwertyuiop12', 'qwertyuiopasdf', 'registry1234', 'sunshine1234', 'superman1234', 'trustno1trustno1',
  'welcome12345', 'zaq12wsxcde3',
]);

export type PasswordWeakness = 'too_short' | 'common' | 'repetitive' | 'contains_username';

/** Returns why a password is weak, or null when it is acceptable. */
export function passwordWeakness(password: string, username?: string): PasswordWeakness | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'common';
  if (new Set(lower).size <= 2) return 'repetitive';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'contains_username';
  return null;
}

export function describeWeakness(weakness: PasswordWeakness): Message {
  switch (weakness) {
    case 'too_short':
      return msg('user.passwordTooShort', MIN_PASSWORD_LENGTH);
    case 'common':
      return msg('user.passwordCommon');
    case 'repetitive':
      return msg('user.passwordRepetitive');
    case 'contains_username':
      return msg('user.passwordContainsUsername');
  }
}

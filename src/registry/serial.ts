import { msg } from '../i18n/message';
import { readFileSync } from 'node:fs';
import type { FieldError } from '../common/domain-error';

/**
 * UTS #39 confusables (Unicode's confusables.txt, as the `unhomoglyph` package ships it):
 * each character mapped to the prototype it looks like. Read once; only the entries that end
 * in Latin letters and digits are used, through prototypeOf().
 */
const CONFUSABLES = JSON.parse(readFileSync(require.resolve('unhomoglyph/data.json'), 'utf8')) as Record<string, string>;

/** Removed without a trace: default-ignorable code points and format characters (ZWSP, ZWJ, soft hyphen, BOM…). */
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;

/**
 * Separators written between the parts of a marking, in any script: spaces and whitespace,
 * dashes and hyphens (Pd and the minus-like signs), dots and slashes. NFKC has already turned
 * most compatibility forms (full-width, small, super- and subscript) into the ones here.
 */
const SEPARATOR = new RegExp(
  '^[' +
    '\\p{White_Space}\\p{Zs}\\u2800' +
    '\\p{Pd}\\u2212\\u2796\\u02D7\\u2043\\u2E3A\\u2E3B\\u23AF\\u2500\\u2501\\u30FC\\uFE58' +
    '.\\u00B7\\u0387\\u0589\\u06D4\\u2024-\\u2027\\u2219\\u22C5\\u2E31\\u2E33\\u3002\\u30FB\\uFF0E\\uFF61\\uFF65' +
    '/\\\\\\u2044\\u2215\\u2216\\u2571\\u2572\\u27CB\\u27CD\\u29F5\\u29F8\\u29F9\\uFF0F\\uFF3C' +
    ']$',
  'u',
);

/** Prototypes of separators in confusables.txt: punctuation and symbols mapped to them are separators too. */
const SEPARATOR_PROTOTYPE = /^[-./\\]$/;
const PUNCTUATION_OR_SYMBOL = /^[\p{P}\p{S}]$/u;
const LATIN_OR_DIGITS = /^[A-Za-z0-9]+$/;
const FOLDED = /^[A-Z0-9]+$/;
/** The common case, ASCII letters, digits and separators only, folds without the per-character work. */
const PLAIN = /^[A-Za-z0-9 \t\n\v\f\r./\\-]*$/;
const PLAIN_SEPARATORS = /[ \t\n\v\f\r./\\-]/g;
const PLAIN_SEPARATOR = /^[ \t\n\v\f\r./\\-]$/;

const folds = new Map<string, string | null>();

/**
 * What a non-ASCII character folds to: Latin capitals and digits, '' for a separator, null
 * when it looks like no Latin letter or digit. Tried as written, then in the other case
 * (κ is mapped to ĸ, its capital Κ to K). confusables.txt makes 'l' the prototype of every
 * vertical stroke (I, l, 1) and 'O' that of O and 0: a digit is then 1 or 0, a small letter
 * l, anything else I or O; 'rn' is the prototype of m.
 */
function foldCharacter(char: string): string | null {
  const cached = folds.get(char);
  if (cached !== undefined) return cached;
  let folded: string | null = null;
  if (SEPARATOR.test(char)) {
    folded = '';
  } else {
    for (const form of [char, char.toUpperCase(), char.toLowerCase()]) {
      const prototype = CONFUSABLES[form];
      if (prototype === undefined) continue;
      if (SEPARATOR_PROTOTYPE.test(prototype) && PUNCTUATION_OR_SYMBOL.test(char)) {
        folded = '';
        break;
      }
      if (!LATIN_OR_DIGITS.test(prototype)) continue;
      const digit = /^\p{N}$/u.test(char);
      const small = /^\p{Ll}$/u.test(char);
      folded = (prototype === 'rn' ? 'm' : prototype)
        .replace(/l/g, digit ? '1' : small ? 'l' : 'I')
        .replace(/[oO]/g, (o) => (digit ? '0' : o))
        .toUpperCase();
      break;
    }
  }
  folds.set(char, folded);
  return folded;
}

/**
 * The form markings are compared in (API.md "Weapons", `serialNormalized`): NFKC; invisible
 * characters removed; spaces, dashes, dots and slashes of every script removed; letters and
 * digits of other scripts that look like Latin ones (UTS #39 confusables) mapped to them;
 * upper case. Whatever folds to nothing recognisable is kept as it is, so that
 * isFoldedSerial() refuses it; the stored column holds this value.
 */
export function normaliseSerial(serial: string): string {
  if (PLAIN.test(serial)) return serial.replace(PLAIN_SEPARATORS, '').toUpperCase();
  let folded = serial;
  // A character left unfolded may compose with what follows once the characters between are
  // gone (A, ZWSP, U+0301): folded again until nothing changes, so that folding is idempotent.
  for (let round = 0; round < 4; round += 1) {
    const next = foldOnce(folded);
    if (next === folded || isFoldedSerial(next)) return next;
    folded = next;
  }
  return folded;
}

function foldOnce(serial: string): string {
  let folded = '';
  for (const char of serial.normalize('NFKC')) {
    if (/^[A-Za-z0-9]$/.test(char)) folded += char.toUpperCase();
    // ASCII is not mapped through confusables.txt (which makes | an l and 0 an O).
    else if (char <= '\u007f') folded += PLAIN_SEPARATOR.test(char) ? '' : char;
    else if (INVISIBLE.test(char)) continue;
    else folded += foldCharacter(char) ?? char;
  }
  return folded;
}

/** A folded serial is a marking only if it holds letters A–Z and digits 0–9, and nothing else. */
export function isFoldedSerial(folded: string): boolean {
  return FOLDED.test(folded);
}

/** Why a folded serial is no marking, as the error of `field`; null when it is one. */
export function foldedSerialError(folded: string, field: string): FieldError | null {
  if (folded.length === 0) return { field, message: msg('field.serialEmpty', field) };
  if (isFoldedSerial(folded)) return null;
  const others = [...new Set(folded.replace(/[A-Z0-9]/g, ''))];
  return { field, message: msg('field.serialCharacters', field, others) };
}

/** The national mark the registry assigns to a weapon whose serial is obliterated or absent. */
export function nationalMark(registryNumber: string): string {
  return `PTY-${registryNumber}`;
}

/** `PA-2026-0000123`: the year of registration and a per-year sequence of seven digits. */
export function formatRegistryNumber(year: number, sequence: number): string {
  return `PA-${year}-${String(sequence).padStart(7, '0')}`;
}

/** Look-alike characters folded onto one: O/0/Q/D, I/1/L, S/5, B/8, Z/2, G/6. */
const CONFUSABLE_FROM = 'OQDILSBZG';
const CONFUSABLE_TO = '000115826';

/**
 * Twin of the `serial_confusable` column (translate(serial_normalized, 'OQDILSBZG',
 * '000115826')): the two must fold the same way or the index finds nothing. It works on
 * the folded serial, whose characters normaliseSerial() has already reduced to A–Z and 0–9.
 */
export function foldConfusables(normalized: string): string {
  let folded = '';
  for (const char of normalized) {
    const at = CONFUSABLE_FROM.indexOf(char);
    folded += at === -1 ? char : CONFUSABLE_TO[at];
  }
  return folded;
}

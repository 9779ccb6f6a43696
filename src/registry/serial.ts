/** The form markings are compared in: upper case, without spaces, dashes, dots or slashes. */
export function normaliseSerial(serial: string): string {
  return serial.toUpperCase().replace(/[\s\-./\\]/g, '');
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
 * '000115826')): the two must fold the same way or the index finds nothing.
 */
export function foldConfusables(normalized: string): string {
  let folded = '';
  for (const char of normalized) {
    const at = CONFUSABLE_FROM.indexOf(char);
    folded += at === -1 ? char : CONFUSABLE_TO[at];
  }
  return folded;
}

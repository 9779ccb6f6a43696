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

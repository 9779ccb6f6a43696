/** Counts from 1 to 4 identify people in a small place or period: a publishable figure hides them. */
export const SMALL_COUNT_MAX = 4;

export function isSmall(count: number): boolean {
  return count >= 1 && count <= SMALL_COUNT_MAX;
}

/**
 * A cell (an object of counts) as published: with `publishable`, each count from 1 to 4 among
 * `keys` becomes null and the cell says `suppressed: true`; otherwise it is returned as it is.
 */
export function suppressCell<T extends object, K extends keyof T & string>(
  cell: T,
  keys: readonly K[],
  publishable: boolean,
): Omit<T, K> & { [P in K]: number | null } & { suppressed?: true } {
  if (!publishable) return cell as Omit<T, K> & { [P in K]: number | null };
  const out: Record<string, unknown> = { ...(cell as Record<string, unknown>) };
  let suppressed = false;
  for (const key of keys) {
    const value: unknown = cell[key];
    if (typeof value === 'number' && isSmall(value)) {
      out[key] = null;
      suppressed = true;
    }
  }
  if (suppressed) out.suppressed = true;
  return out as Omit<T, K> & { [P in K]: number | null } & { suppressed?: true };
}

import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits (those of a
 * random UUID, whose variant bits are v7's too; randomUUID draws from a buffered pool, where a
 * randomBytes call per id costs a system call). Ids of later milliseconds sort after. For rows
 * written in bulk: each one's primary-key entry lands at the right edge of the index instead
 * of on a random page of it.
 */
export function timeOrderedId(at: number = Date.now()): string {
  const time = at.toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}

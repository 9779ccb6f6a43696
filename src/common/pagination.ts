import { msg } from '../i18n/message';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, isUUID, Max, MaxLength, Min } from 'class-validator';
import { isInstant } from './dates';
import { ValidationFailedError } from './domain-error';
import { findInputFault } from './input-rules';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;

/** Cursors are opaque to clients: base64url of the JSON key of the last row seen. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The key most lists page by: [the row's instant as toISOString() wrote it, its id]. Anything
 * else (an instant Date.parse would still read, an id that is no UUID) is not a cursor of ours.
 */
export const isInstantIdKey = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && isInstant(value[0]) && typeof value[1] === 'string' && isUUID(value[1]);

/**
 * Decodes a cursor and checks it with the caller's `check`; whatever the check, no string in it
 * may hold what no client string may (control characters, unpaired surrogates).
 */
export function decodeCursor<T>(cursor: string | undefined, check: (value: unknown) => value is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (findInputFault(value) === null && check(value)) return value;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  throw new ValidationFailedError([{ field: 'cursor', message: msg('field.badCursor') }]);
}

/** Builds a page from rows fetched with limit + 1, so the extra row tells whether more exist. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, keyOf: (row: R) => unknown): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return {
    items: kept.map(map),
    nextCursor: more ? encodeCursor(keyOf(kept[kept.length - 1])) : null,
  };
}

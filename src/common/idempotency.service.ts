import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { canonicalJson } from '../audit/chain/audit-chain';
import { DomainError, ValidationFailedError } from './domain-error';
import { ErrorCode } from './error-code';

/** How long a key is remembered, as the contract says. */
const KEY_TTL_HOURS = 24;
/** A key still "in progress" after this long belongs to a request that died; it may be taken again. */
const ABANDONED_AFTER_SECONDS = 120;

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export interface IdempotencyClaim {
  actorId: string;
  scope: string;
  key: string;
  requestHash: string;
}

interface KeyRow {
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

/** The Idempotency-Key header: 1 to 255 visible characters, as the contract says; absent is fine. */
export function idempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new ValidationFailedError([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
    ]);
  }
  return value;
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}

/**
 * Idempotency-Key handling shared by POST /weapons, /transfers and /imports. A key is
 * claimed in a short transaction of its own (so a racing duplicate sees it at once and gets
 * 409), completed inside the request's own transaction (so the stored response commits with
 * the record it describes), and released when the request fails.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(
    claim: IdempotencyClaim | null,
    status: number,
    work: (complete: (manager: EntityManager, body: T) => Promise<void>) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (!claim) {
      const body = await work(async () => undefined);
      return { status, body, replayed: false };
    }
    const replay = await this.claim(claim);
    if (replay) return { status: replay.status, body: replay.body as T, replayed: true };
    try {
      const body = await work((manager, result) => this.complete(manager, claim, status, result));
      return { status, body, replayed: false };
    } catch (error) {
      await this.release(claim);
      throw error;
    }
  }

  private async claim(claim: IdempotencyClaim): Promise<{ status: number; body: unknown } | null> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO idempotency_keys (actor_id, scope, key, request_hash, state, created_at, expires_at)
         VALUES ($1, $2, $3, $4, 'in_progress', now(), now() + make_interval(hours => $5))
         ON CONFLICT (actor_id, scope, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL,
               response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at < now()
            OR (idempotency_keys.state = 'in_progress'
                AND idempotency_keys.created_at < now() - make_interval(secs => $6))
         RETURNING 1`,
        [claim.actorId, claim.scope, claim.key, claim.requestHash, KEY_TTL_HOURS, ABANDONED_AFTER_SECONDS],
      )) as unknown[];
      if (inserted.length > 0) return null;
      const [existing] = (await manager.query(
        `SELECT request_hash, state, response_status, response_body FROM idempotency_keys
          WHERE actor_id = $1 AND scope = $2 AND key = $3`,
        [claim.actorId, claim.scope, claim.key],
      )) as KeyRow[];
      if (existing.request_hash !== claim.requestHash) {
        throw new DomainError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was used with a different request body.');
      }
      if (existing.state !== 'completed') {
        throw new DomainError(ErrorCode.IdempotencyInProgress, 'A request with this Idempotency-Key is still in progress.');
      }
      return { status: existing.response_status ?? 200, body: existing.response_body };
    });
  }

  private async complete(manager: EntityManager, claim: IdempotencyClaim, status: number, body: unknown): Promise<void> {
    await manager.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $4, response_body = $5::jsonb
        WHERE actor_id = $1 AND scope = $2 AND key = $3`,
      [claim.actorId, claim.scope, claim.key, status, JSON.stringify(body)],
    );
  }

  private async release(claim: IdempotencyClaim): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE actor_id = $1 AND scope = $2 AND key = $3 AND state = 'in_progress'`,
      [claim.actorId, claim.scope, claim.key],
    );
  }
}

import { msg } from '../i18n/message';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import { CLAIM_KEY_SQL, COMPLETE_KEY_SQL, FIND_KEY_SQL, RELEASE_KEY_SQL, RENEW_LEASE_SQL } from './idempotency.sql';

/** How long a key is remembered, as the contract says. */
const KEY_TTL_HOURS = 24;
/**
 * How long a claim outlives the last sign of life of the request holding it. The request
 * renews it every LEASE_RENEW_MS while it runs, so only a request that is gone (its clean-up
 * cut off with its database connection, or its process killed) lets it lapse.
 */
const LEASE_SECONDS = 15;
const LEASE_RENEW_MS = 5_000;

/**
 * An idempotent request as the HTTP edge states it (see IdempotencyKey): who asks, which
 * operation, under which key, and the status a success answers with. Use cases pass it on to
 * IdempotencyService.run without reading it.
 */
export interface IdempotentRequest {
  readonly actorId: string;
  readonly scope: string;
  readonly key: string;
  readonly status: number;
}

export interface IdempotentResult<T> {
  body: T;
  /** True when `body` is the stored answer to an earlier request with the same key. */
  replayed: boolean;
  /** The status to answer with, where it is not the route's own: that of the first answer on a replay. */
  status?: number;
}

type Complete<T> = (manager: EntityManager, body: T) => Promise<void>;

interface KeyRow {
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

interface Lease {
  actorId: string;
  scope: string;
  key: string;
  requestHash: string;
  status: number;
  token: string;
}

/**
 * Idempotency-Key handling for POST /weapons, /transfers and /imports. A key is claimed in a
 * short transaction of its own (so a racing duplicate sees it at once and gets 409) under a
 * lease renewed while the request runs, completed inside the request's own transaction (so
 * the stored response commits with the record it describes), and released when the request
 * fails. Completion checks the lease is still this request's, so of two requests that both
 * held a key (one whose lease lapsed while it stalled) at most one commits.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(
    request: IdempotentRequest | null | undefined,
    requestHash: string,
    work: (complete: Complete<T>) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (!request) {
      const body = await work(async () => undefined);
      return { body, replayed: false };
    }
    const lease: Lease = { ...request, requestHash, token: randomUUID() };
    const replay = await this.claim(lease);
    if (replay) return { body: replay.body as T, replayed: true, status: replay.status };
    const stopRenewing = this.renewWhileRunning(lease);
    try {
      const body = await work((manager, result) => this.complete(manager, lease, result));
      return { body, replayed: false };
    } catch (error) {
      await this.release(lease);
      throw error;
    } finally {
      stopRenewing();
    }
  }

  private async claim(lease: Lease): Promise<{ status: number; body: unknown } | null> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = (await manager.query(CLAIM_KEY_SQL, [
        lease.actorId,
        lease.scope,
        lease.key,
        lease.requestHash,
        lease.token,
        KEY_TTL_HOURS,
        LEASE_SECONDS,
      ])) as unknown[];
      if (claimed.length > 0) return null;
      const [existing] = (await manager.query(FIND_KEY_SQL, [lease.actorId, lease.scope, lease.key])) as KeyRow[];
      if (existing.request_hash !== lease.requestHash) {
        throw new DomainError(ErrorCode.IdempotencyKeyReused, msg('idempotency.keyReused'));
      }
      if (existing.state !== 'completed') {
        throw new DomainError(ErrorCode.IdempotencyInProgress, msg('idempotency.inProgress'));
      }
      return { status: existing.response_status ?? lease.status, body: existing.response_body };
    });
  }

  /** Renews the lease every LEASE_RENEW_MS until the returned function is called. */
  private renewWhileRunning(lease: Lease): () => void {
    let renewing = false;
    const timer = setInterval(() => {
      if (renewing) return;
      renewing = true;
      this.dataSource
        .query(RENEW_LEASE_SQL, [lease.actorId, lease.scope, lease.key, lease.token, LEASE_SECONDS])
        .catch((error: unknown) => this.logger.warn(`could not renew an idempotency lease: ${(error as Error).message}`))
        .finally(() => (renewing = false));
    }, LEASE_RENEW_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async complete(manager: EntityManager, lease: Lease, body: unknown): Promise<void> {
    const [, completed] = (await manager.query(COMPLETE_KEY_SQL, [
      lease.actorId,
      lease.scope,
      lease.key,
      lease.token,
      lease.status,
      JSON.stringify(body),
    ])) as [unknown[], number];
    // The lease lapsed and another request with the key took it: that one answers, this one rolls back.
    if (completed === 0) {
      throw new DomainError(ErrorCode.IdempotencyInProgress, msg('idempotency.inProgress'));
    }
  }

  /**
   * Frees the key for a retry. If this fails too (the database out of reach), the lease, no
   * longer renewed, lets the key go within LEASE_SECONDS; the request's own error is the one reported.
   */
  private async release(lease: Lease): Promise<void> {
    try {
      await this.dataSource.query(RELEASE_KEY_SQL, [lease.actorId, lease.scope, lease.key, lease.token]);
    } catch (error) {
      this.logger.warn(`could not release an idempotency key, its lease will lapse: ${(error as Error).message}`);
    }
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobName, JobPayloads } from './jobs';

/** The channel the relay listens on; NOTIFY is delivered only when the enqueuing transaction commits. */
export const OUTBOX_CHANNEL = 'queue_outbox';

/**
 * The transactional outbox: a use case enqueues follow-up work as a row written in its own
 * transaction, so the job exists exactly when the change that asked for it committed. The
 * relay moves committed rows into BullMQ.
 */
@Injectable()
export class OutboxService {
  /** Returns the outbox row id, which becomes the BullMQ job id. */
  async enqueue<N extends JobName>(manager: EntityManager, name: N, payload: JobPayloads[N]): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.enqueue must run inside a transaction');
    }
    const [row] = (await manager.query(
      `INSERT INTO queue_outbox (job_name, payload) VALUES ($1, $2::jsonb) RETURNING id`,
      [name, JSON.stringify(payload)],
    )) as Array<{ id: string }>;
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    return row.id;
  }

  /** Many jobs of one name in one insert (a recovery's trace requests); ids in the order of `payloads`. */
  async enqueueMany<N extends JobName>(manager: EntityManager, name: N, payloads: ReadonlyArray<JobPayloads[N]>): Promise<string[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.enqueueMany must run inside a transaction');
    }
    if (payloads.length === 0) return [];
    const rows = (await manager.query(
      `INSERT INTO queue_outbox (job_name, payload)
       SELECT $1, p.payload FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS p(payload, n) ORDER BY p.n
       RETURNING id`,
      [name, JSON.stringify(payloads)],
    )) as Array<{ id: string }>;
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    return rows.map((row) => row.id);
  }
}

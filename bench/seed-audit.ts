import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { entryHash } from '../src/audit/chain/audit-chain';
import { backfillTree } from '../src/audit/tree/audit-tree.sql';

/*
 * Grows the audit chain of a scratch database by N valid entries, set-based: the chain is
 * built in Node (each hash needs the one before it) and inserted with unnest() in large
 * batches, in one transaction. The owner disables the user triggers for the load (they
 * refuse any write that does not come through the service) and enables them again before
 * committing, then builds the Merkle tree over the new entries. Used by bench/audit.ts and
 * bench/write.ts; never point it at a database whose history matters.
 */

const BATCH = 20_000;
const ACTORS = Array.from({ length: 40 }, (_, index) => ({ id: randomUUID(), username: `officer.${index}` }));

interface Payload {
  action: string;
  entityType: string;
  before: unknown;
  after: unknown;
}

/** A mix shaped like the registry's own entries: owner and weapon views, logins, trace views. */
function payload(seq: number, entityId: string, at: string): Payload {
  const owner = {
    id: entityId,
    type: 'person',
    name: `José Pérez ${seq}`,
    idDocument: { kind: 'cedula', number: `8-${seq % 9999}-${seq % 99999}` },
    birthDate: '1980-05-17',
    nationality: 'PA',
    address: { district: '8-05', line: `Calle ${seq % 97}, Casa ${seq % 13}, Los Andes` },
    phone: '+507 6000-0000',
    email: null,
    status: 'active',
    statusReason: null,
    version: 1 + (seq % 5),
    createdAt: at,
    updatedAt: at,
  };
  switch (seq % 4) {
    case 0:
      return { action: 'owner.updated', entityType: 'owner', before: owner, after: { ...owner, version: owner.version + 1, phone: null } };
    case 1:
      return {
        action: 'weapon.registered',
        entityType: 'weapon',
        before: null,
        after: {
          id: entityId,
          registryNumber: `PA-2026-${String(seq).padStart(7, '0')}`,
          make: 'Glock',
          model: '19 Gen5',
          type: 'pistol',
          calibre: '9mm',
          serialNumber: `SN${seq.toString(36).toUpperCase()}`,
          status: 'registered',
          holderId: randomUUID(),
          version: 1,
        },
      };
    case 2:
      return { action: 'auth.login', entityType: 'user', before: null, after: { sessionId: randomUUID() } };
    default:
      return { action: 'trace.viewed', entityType: 'weapon', before: null, after: null };
  }
}

/** Builds the Merkle tree over entries seeded behind the service's back, as the migration does for an existing log. */
export async function seedAuditTree(client: Client, log: (message: string) => void): Promise<void> {
  const begun = Date.now();
  await backfillTree({ query: async (sql, parameters) => (await client.query(sql, parameters as unknown[])).rows });
  await client.query('ANALYZE audit_tree_nodes');
  log(`built the audit tree in ${((Date.now() - begun) / 1000).toFixed(1)} s`);
}

export async function seedAudit(client: Client, count: number, log: (message: string) => void): Promise<void> {
  try {
    const [head] = (await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1')).rows;
    let seq = Number(head.seq);
    let prevHash = head.hash;
    const startMs = Date.now() - count * 20;
    const started = process.hrtime.bigint();
    await client.query('BEGIN');
    await client.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
    await client.query('ALTER TABLE audit_head DISABLE TRIGGER USER');
    for (let done = 0; done < count; ) {
      const size = Math.min(BATCH, count - done);
      const columns: unknown[][] = Array.from({ length: 13 }, () => []);
      for (let index = 0; index < size; index += 1) {
        seq += 1;
        const actor = ACTORS[seq % ACTORS.length];
        const occurredAt = new Date(startMs + (done + index) * 20).toISOString();
        const entityId = randomUUID();
        const { action, entityType, before, after } = payload(seq, entityId, occurredAt);
        const fields = {
          seq,
          occurredAt,
          actorId: actor.id,
          actorUsername: actor.username,
          action,
          entityType,
          entityId,
          before,
          after,
          requestId: randomUUID(),
          clientIp: `10.0.${seq % 250}.${seq % 200}`,
        };
        const hash = entryHash(prevHash, fields);
        const row = [
          seq,
          occurredAt,
          actor.id,
          actor.username,
          action,
          entityType,
          entityId,
          before === null ? null : JSON.stringify(before),
          after === null ? null : JSON.stringify(after),
          fields.requestId,
          fields.clientIp,
          prevHash,
          hash,
        ];
        row.forEach((value, column) => columns[column].push(value));
        prevHash = hash;
      }
      await client.query(
        `INSERT INTO audit_entries (seq, occurred_at, actor_id, actor_username, action, entity_type, entity_id,
           before, after, request_id, client_ip, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
           $8::jsonb[], $9::jsonb[], $10::text[], $11::text[], $12::text[], $13::text[])`,
        columns,
      );
      done += size;
      if (done % 200_000 < BATCH) log(`  ${done} / ${count} entries`);
    }
    await client.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [seq, prevHash]);
    await client.query('ALTER TABLE audit_head ENABLE TRIGGER USER');
    await client.query('ALTER TABLE audit_entries ENABLE TRIGGER USER');
    await client.query('COMMIT');
    await client.query('ANALYZE audit_entries');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    log(`seeded ${count} entries in ${seconds.toFixed(1)} s; head is now ${seq}`);
    await seedAuditTree(client, log);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

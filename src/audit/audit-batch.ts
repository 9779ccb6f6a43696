import { type ChainedEntry, entryHash, jsonNormalise } from './audit-chain';

/** What one entry of a batch says; the actor and the instant are the batch's. */
export interface BatchInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface BatchActor {
  requestId: string | null;
  clientIp: string | null;
  actorId: string | null;
  actorUsername: string;
}

/**
 * The entries that follow `head`, in order, each linked to the one before: exactly what
 * `inputs.length` single appends would write at `occurredAt`. Plain code, so the chaining
 * of a batch is checked against the verifier without a database.
 */
export function chainBatch(
  head: { seq: number; hash: string },
  actor: BatchActor,
  inputs: readonly BatchInput[],
  occurredAt: string,
): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let prevHash = head.hash;
  inputs.forEach((input, index) => {
    const fields = {
      seq: head.seq + index + 1,
      occurredAt,
      actorId: actor.actorId,
      actorUsername: actor.actorUsername,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      before: jsonNormalise(input.before),
      after: jsonNormalise(input.after),
      requestId: actor.requestId,
      clientIp: actor.clientIp,
    };
    const hash = entryHash(prevHash, fields);
    entries.push({ ...fields, prevHash, hash });
    prevHash = hash;
  });
  return entries;
}

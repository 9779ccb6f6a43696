import { type ChainedEntry, entryHash, entryHashOfTexts, jsonNormalise, normalisedCanonicalJson } from './audit-chain';

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

/** One chained entry of a batch with its before and after as canonical JSON text, ready to store. */
export interface ChainedText {
  seq: number;
  action: string;
  entityType: string;
  entityId: string;
  /** normalisedCanonicalJson of the input's before / after: the stored jsonb and the hashed bytes. */
  before: string;
  after: string;
  prevHash: string;
  hash: string;
}

/**
 * chainBatch without the normalised copies: each value is turned into its canonical text once,
 * and that text is both hashed and stored. Same seqs and hashes as chainBatch (audit-batch.spec.ts).
 */
export function chainBatchTexts(
  head: { seq: number; hash: string },
  actor: BatchActor,
  inputs: readonly BatchInput[],
  occurredAt: string,
): ChainedText[] {
  const entries: ChainedText[] = [];
  let prevHash = head.hash;
  for (let index = 0; index < inputs.length; index += 1) {
    const input = inputs[index];
    const seq = head.seq + index + 1;
    const before = normalisedCanonicalJson(input.before);
    const after = normalisedCanonicalJson(input.after);
    const hash = entryHashOfTexts(
      prevHash,
      {
        seq,
        occurredAt,
        actorId: actor.actorId,
        actorUsername: actor.actorUsername,
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId,
        requestId: actor.requestId,
        clientIp: actor.clientIp,
      },
      before,
      after,
    );
    entries.push({ seq, action: input.action, entityType: input.entityType, entityId: input.entityId, before, after, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

import { type ChainedEntry, entryHash, entryHashOfTexts, jsonNormalise } from './audit-chain';
import { canonicalJson } from './canonical-json';

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

/** An input with its before and after rendered as canonical JSON text: all of an entry but its place in the chain. */
export interface RenderedInput {
  action: string;
  entityType: string;
  entityId: string;
  /** canonicalJson of the input's before / after: the stored jsonb and the hashed bytes. */
  before: string;
  after: string;
}

/** One chained entry of a batch with its before and after as canonical JSON text, ready to store. */
export interface ChainedText extends RenderedInput {
  seq: number;
  prevHash: string;
  hash: string;
}

export function renderInput(input: BatchInput): RenderedInput {
  return {
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: canonicalJson(input.before),
    after: canonicalJson(input.after),
  };
}

/**
 * The entry that follows `link` (the head, or the entry before): `input` given its seq, its link
 * and its hash. renderInput then chainRendered give the seqs and hashes of chainBatch, each
 * value turned into its canonical text once, which is both hashed and stored (audit-batch.spec.ts).
 */
export function chainRendered(link: { seq: number; hash: string }, actor: BatchActor, input: RenderedInput, occurredAt: string): ChainedText {
  const seq = link.seq + 1;
  const hash = entryHashOfTexts(
    link.hash,
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
    input.before,
    input.after,
  );
  return { seq, ...input, prevHash: link.hash, hash };
}

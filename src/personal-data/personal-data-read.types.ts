import { type FastifyRequest } from 'fastify';

export const PERSONAL_DATA_READ = 'personal-data:read';

/** How a route's answer is audited as a read of personal data. */
export interface PersonalDataReadSpec {
  /**
   * `owner`: one `owner.viewed` per owner the answer shows (at most 50; beyond that one
   * `owner.searched` entry with the query as given). `trace`: one `trace.viewed` entry for
   * the whole answer, on `entityType`/the route's `:id`, naming the owners it shows.
   */
  audit: 'owner' | { action: 'trace.viewed' | 'report.purpose_given'; entityType: string };
  /** The owners whose data the answer shows. */
  ownersShown(answer: unknown, request: FastifyRequest): string[];
  /** Details kept in the entry besides the purpose and the owners. */
  details?(answer: unknown, request: FastifyRequest): Record<string, unknown>;
  /** The entity id of a single entry, when it is not the route's `:id`. */
  entityId?(answer: unknown, request: FastifyRequest): string;
  /** Only some requests of the route read personal data (a report of a kind that names persons). */
  appliesTo?(request: FastifyRequest): boolean;
}

import { type FastifyRequest } from 'fastify';
import { type PersonalDataReadSpec } from './personal-data-read.types';

/** The routes that read personal data, and which owners each answer shows (API.md, "Personal data"). */

interface WithId {
  id: string;
}
interface TraceRecordView {
  status?: string;
  flags?: unknown;
  holder?: WithId | null;
  custody?: Array<{ owner?: WithId | null }>;
}

const routeId = (request: FastifyRequest): string => (request.params as { id: string }).id;

function traceOwners(record: TraceRecordView | null | undefined): string[] {
  if (!record) return [];
  const ids = (record.custody ?? []).map((period) => period.owner?.id);
  if (record.holder) ids.push(record.holder.id);
  return ids.filter((id): id is string => typeof id === 'string');
}

/** GET /owners/:id */
export const OWNER_VIEW: PersonalDataReadSpec = {
  audit: 'owner',
  ownersShown: (answer) => [(answer as WithId).id],
};

/** GET /owners?… — the owners of the page. */
export const OWNER_SEARCH: PersonalDataReadSpec = {
  audit: 'owner',
  ownersShown: (answer) => ((answer as { items?: WithId[] }).items ?? []).map((owner) => owner.id),
};

/** GET /owners/:id/weapons, GET /owners/:id/licences — the owner named by the route. */
export const OWNER_HOLDINGS: PersonalDataReadSpec = {
  audit: 'owner',
  ownersShown: (_answer, request) => [routeId(request)],
};

/** GET /licences/:id — the licence's owner. */
export const LICENCE_VIEW: PersonalDataReadSpec = {
  audit: 'owner',
  ownersShown: (answer) => [(answer as { ownerId: string }).ownerId],
  details: (answer) => ({ licenceId: (answer as WithId).id }),
};

/** GET /trace/weapons/:id — the one trace.viewed entry, now with the purpose and the owners shown. */
export const TRACE_RECORD_VIEW: PersonalDataReadSpec = {
  audit: { action: 'trace.viewed', entityType: 'weapon' },
  ownersShown: (answer) => traceOwners(answer as TraceRecordView),
  details: (answer) => {
    const record = answer as TraceRecordView;
    return { status: record.status, flags: record.flags, holderId: record.holder?.id ?? null };
  },
};

/** GET /trace-requests/:id — its answer may carry a trace record. */
export const TRACE_REQUEST_VIEW: PersonalDataReadSpec = {
  audit: { action: 'trace.viewed', entityType: 'trace_request' },
  ownersShown: (answer) => traceOwners((answer as { result?: { traceRecord?: TraceRecordView } }).result?.traceRecord),
};

/** Report kinds whose files name persons. */
export const PERSON_REPORT_KINDS: readonly string[] = ['weapon_trace', 'stolen_weapons', 'subject_access', 'holding_certificate'];

const reportRequest = (request: FastifyRequest): { kind?: unknown; params?: { ownerId?: unknown } } =>
  (request.body ?? {}) as { kind?: unknown; params?: { ownerId?: unknown } };

/** POST /reports of a kind that names persons: the purpose is kept with the request. */
export const PERSON_REPORT_REQUEST: PersonalDataReadSpec = {
  audit: { action: 'report.purpose_given', entityType: 'report' },
  appliesTo: (request) => PERSON_REPORT_KINDS.includes(String(reportRequest(request).kind)),
  entityId: (answer) => (answer as WithId).id,
  ownersShown: (_answer, request) => {
    const ownerId = reportRequest(request).params?.ownerId;
    return typeof ownerId === 'string' ? [ownerId] : [];
  },
  details: (_answer, request) => ({ kind: reportRequest(request).kind }),
};

/** GET /certificates/:number — the holder named on the certificate. */
export const CERTIFICATE_CHECK: PersonalDataReadSpec = {
  audit: 'owner',
  ownersShown: (answer) => {
    const holder = (answer as { holder?: WithId | null }).holder;
    return holder ? [holder.id] : [];
  },
  details: (answer) => ({ certificateNumber: (answer as { number?: string }).number }),
};

/**
 * The one place that decides whether an error means "a dependency (PostgreSQL, Redis) cannot be
 * reached right now" rather than a fault of the service. Such errors answer 503
 * SERVICE_UNAVAILABLE with Retry-After, never 500: the client may try again, and nothing
 * half-written remains, because every change runs in one transaction that the lost connection
 * rolls back.
 */

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/** Socket-level errors of Node on a connection to a dependency. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ERR_STREAM_DESTROYED',
  'ERR_SOCKET_CLOSED',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01 admin_shutdown, 57P02
 * crash_shutdown, 57P03 cannot_connect_now, 57P05 idle_session_timeout, 53300 too_many_connections.
 */
const PG_CODES = new Set(['57P01', '57P02', '57P03', '57P05', '53300']);

/** Messages of the drivers (pg, pg-pool, TypeORM, ioredis, BullMQ) for a lost or missing connection. */
const MESSAGES: RegExp[] = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /^Connection is closed\.?$/i,
  /Stream isn't writeable and enableOfflineQueue options is false/i,
  /Reached the max retries per request limit/i,
  /^connect (ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)/i,
  /^read ECONNRESET/i,
  /^write (EPIPE|ECONNRESET)/i,
];

/** Error classes of the drivers that always mean the connection is missing. */
const NAMES = new Set(['MaxRetriesPerRequestError', 'CannotExecuteNotConnectedError', 'ConnectionIsNotSetError']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

function ownSigns(error: ErrorLike): boolean {
  if (typeof error.name === 'string' && NAMES.has(error.name)) return true;
  if (typeof error.code === 'string') {
    if (SOCKET_CODES.has(error.code) || PG_CODES.has(error.code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(error.code)) return true;
  }
  return typeof error.message === 'string' && MESSAGES.some((pattern) => pattern.test(error.message as string));
}

/**
 * Whether the error, or one it wraps (`cause`, TypeORM's `driverError`, an AggregateError's
 * `errors`), says that PostgreSQL or Redis cannot be reached.
 */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 8 || error === null || typeof error !== 'object') return false;
  const candidate = error as ErrorLike;
  if (ownSigns(candidate)) return true;
  if (isDependencyUnavailable(candidate.driverError, depth + 1)) return true;
  if (isDependencyUnavailable(candidate.cause, depth + 1)) return true;
  return Array.isArray(candidate.errors) && candidate.errors.some((inner) => isDependencyUnavailable(inner, depth + 1));
}

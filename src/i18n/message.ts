import { type ErrorCode } from '../common/error-code';
import { type Language } from './language';
import { type Catalogue, type MessageArgs, type MessageKey } from './messages/catalogue';
import { en } from './messages/en';
import { es } from './messages/es';

export type { MessageKey } from './messages/catalogue';

/**
 * A text meant for a person, not yet in a language: a key of the message catalogues and the
 * values it speaks of. Domain code throws these; the HTTP layer renders them in the request's
 * language. Plain data, so it crosses worker threads and survives JSON.
 */
export interface Message<K extends MessageKey = MessageKey> {
  readonly key: K;
  readonly args: MessageArgs<K>;
}

/** A message of the catalogues; a key missing from them, or wrong arguments, does not compile. */
export function msg<K extends MessageKey>(key: K, ...args: MessageArgs<K>): Message<K> {
  return { key, args };
}

export const CATALOGUES: Record<Language, Catalogue> = { es, en };

/** The message in `language`. */
export function render(message: Message, language: Language): string {
  const text = CATALOGUES[language].messages[message.key] as (...args: unknown[]) => string;
  return text(...(message.args as unknown[]));
}

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Message).key === 'string' &&
    Array.isArray((value as Message).args) &&
    Object.prototype.hasOwnProperty.call(en.messages, (value as Message).key)
  );
}

/** The title of an error code in `language`. */
export function titleIn(code: ErrorCode, language: Language): string {
  return CATALOGUES[language].titles[code];
}

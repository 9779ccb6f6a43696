import { type ErrorCode } from '../../common/error-code';
import { type en } from './en';

type EnglishMessages = typeof en.messages;

/** Every key of the catalogues; English is the reference list, and Spanish must have each. */
export type MessageKey = keyof EnglishMessages;

/** The values a message speaks of, as its English text takes them. */
export type MessageArgs<K extends MessageKey> = Parameters<EnglishMessages[K]>;

/**
 * One language's texts: a title for every error code (a code without one does not compile)
 * and every message of the English list, taking the same arguments.
 */
export interface Catalogue {
  titles: Record<ErrorCode, string>;
  messages: { [K in MessageKey]: (...args: MessageArgs<K>) => string };
}

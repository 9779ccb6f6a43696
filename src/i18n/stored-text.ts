import { type Language } from './language';
import { isMessage, type Message, render } from './message';

/** One part of a stored text: a message, with the column or field it speaks of. */
export interface StoredPart {
  label: string | null;
  message: Message;
}

/**
 * A text that a job writes to the database for a person to read later (an import's rejected
 * rows): kept as the catalogue's messages, not in one language, so each reader gets it in the
 * language of their request.
 */
export function storedText(parts: readonly StoredPart[]): string {
  return JSON.stringify({ messages: parts });
}

/** A stored text in `language`; a text stored before messages were kept (plain text) as written. */
export function readStoredText(text: string, language: Language): string {
  if (!text.startsWith('{"messages":')) return text;
  try {
    const parsed = JSON.parse(text) as { messages?: unknown };
    const parts = parsed.messages;
    if (!Array.isArray(parts) || !parts.every((part: StoredPart) => isMessage(part?.message))) return text;
    return (parts as StoredPart[]).map((part) => (part.label ? `${part.label}: ${render(part.message, language)}` : render(part.message, language))).join('; ');
  } catch (error) {
    if (error instanceof SyntaxError) return text;
    throw error;
  }
}

import { createHmac } from 'node:crypto';

/** The body POSTed to NOTIFY_WEBHOOK_URL for one notification (API.md, "Reminders"). */
export interface NotificationMessage {
  id: string;
  ownerId: string;
  kind: string;
  documentId: string;
  documentNumber: string;
  expiresAt: string;
  createdAt: string;
}

/** The raw body, in a fixed key order: the signature is over exactly these bytes. */
export function messageBody(message: NotificationMessage): string {
  const { id, ownerId, kind, documentId, documentNumber, expiresAt, createdAt } = message;
  return JSON.stringify({ id, ownerId, kind, documentId, documentNumber, expiresAt, createdAt });
}

/** `X-Signature`: `sha256=` and the lower-case hex HMAC-SHA256 of the raw body under the secret. */
export function signatureOf(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

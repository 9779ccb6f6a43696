import type { NotificationKind } from './notification.entity';

/** A document coming to its last day, as a reminder names it. */
export interface ExpiringDocument {
  ownerId: string;
  /** The owner's district now, for scoped readers. */
  district: string;
  documentId: string;
  documentNumber: string;
  /** YYYY-MM-DD */
  expiresAt: string;
}

/**
 * Where reminders come from: one source per kind of document, each asking the module that owns
 * the document (licences: owners; holding certificates: registry). Another kind of document is
 * one more implementation under EXPIRING_DOCUMENT_SOURCES in NotificationsModule.
 */
export interface ExpiringDocumentSource {
  readonly kind: NotificationKind;
  /** Documents in force whose last day is between the two days, both included. */
  expiringBetween(firstDay: string, lastDay: string): Promise<ExpiringDocument[]>;
}

export const EXPIRING_DOCUMENT_SOURCES = Symbol('EXPIRING_DOCUMENT_SOURCES');

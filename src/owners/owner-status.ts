import { type Message, msg } from '../i18n/message';

export const OWNER_STATUSES = ['active', 'suspended', 'prohibited', 'deceased'] as const;
export type OwnerStatus = (typeof OWNER_STATUSES)[number];

/** Why moving an owner from `from` to `to` is refused, or null when it is allowed. */
export function statusChangeRefusal(from: OwnerStatus, to: OwnerStatus): Message | null {
  if (from === 'deceased') return msg('owner.deceasedIsFinal');
  if (from === to) return msg('owner.alreadyInStatus', to);
  return null;
}

export const OWNER_STATUSES = ['active', 'suspended', 'prohibited', 'deceased'] as const;
export type OwnerStatus = (typeof OWNER_STATUSES)[number];

/** Why moving an owner from `from` to `to` is refused, or null when it is allowed. */
export function statusChangeRefusal(from: OwnerStatus, to: OwnerStatus): string | null {
  if (from === 'deceased') return 'A deceased owner is final: the status cannot change any more.';
  if (from === to) return `The owner is already ${to}.`;
  return null;
}

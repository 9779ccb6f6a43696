import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const TRANSFER_KINDS = ['sale', 'donation', 'inheritance', 'dealer_sale', 'state_assignment', 'export'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** One change of holder; the rows of a weapon in order are its chain of custody. */
@Entity({ name: 'transfers' })
export class TransferEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'weapon_id', type: 'uuid' }) weaponId: string;
  @Column({ name: 'from_owner_id', type: 'uuid' }) fromOwnerId: string;
  /** Null for an export: the weapon leaves the country and the registry's custody. */
  @Column({ name: 'to_owner_id', type: 'uuid', nullable: true }) toOwnerId: string | null;
  @Column({ type: 'text' }) kind: TransferKind;
  @Column({ type: 'date' }) date: string;
  @Column({ name: 'document_ref', type: 'text', nullable: true }) documentRef: string | null;
  @Column({ name: 'destination_country', type: 'char', length: 2, nullable: true }) destinationCountry: string | null;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WeaponStatus } from './weapon-status';

export type SerialStatus = 'marked' | 'obliterated' | 'unmarked';

export type WeaponOrigin = 'registered' | 'recovered';

export interface ImportMarking {
  country?: string;
  year?: number;
  exemptionRef?: string;
}

export interface Ballistics {
  testedAt: string;
  laboratory: string;
  reference: string;
}

export interface Acquisition {
  /** `recovery`: a weapon the State recovered without a prior record (documentRef names the recovery). */
  kind: 'domestic_purchase' | 'import' | 'inheritance' | 'manufacture' | 'legacy_record' | 'recovery';
  date: string;
  documentRef: string | null;
}

@Entity({ name: 'weapons' })
export class WeaponEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'registry_number', type: 'text' }) registryNumber: string;
  /** Canonical make when known, else as written. */
  @Column({ type: 'text' }) make: string;
  /** canonicalKey(make): what the marking's uniqueness compares, so spelling variants collide. */
  @Column({ name: 'make_key', type: 'text' }) makeKey: string;
  @Column({ type: 'text' }) model: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text' }) calibre: string;
  @Column({ name: 'serial_number', type: 'text' }) serialNumber: string;
  @Column({ name: 'serial_normalized', type: 'text' }) serialNormalized: string;
  @Column({ name: 'serial_status', type: 'text' }) serialStatus: SerialStatus;
  @Column({ name: 'country_of_manufacture', type: 'char', length: 2 }) countryOfManufacture: string;
  @Column({ name: 'year_of_manufacture', type: 'integer', nullable: true }) yearOfManufacture: number | null;
  @Column({ name: 'import_marking', type: 'jsonb', nullable: true }) importMarking: ImportMarking | null;
  @Column({ name: 'other_markings', type: 'text', nullable: true }) otherMarkings: string | null;
  @Column({ type: 'jsonb', nullable: true }) ballistics: Ballistics | null;
  @Column({ type: 'jsonb' }) acquisition: Acquisition;
  @Column({ type: 'text' }) status: WeaponStatus;
  /**
   * The owner who holds the weapon now: at most one holder per weapon. Null only for a weapon
   * the State recovered that was never registered (origin `recovered`): it is the State's.
   */
  @Column({ name: 'holder_id', type: 'uuid', nullable: true }) holderId: string | null;
  /** `registered` by an officer or an import, or `recovered` by the State without a prior record. */
  @Column({ type: 'text' }) origin: WeaponOrigin;
  /** The holder's district, which decides which officers may act on the weapon. */
  @Column({ type: 'text' }) district: string;
  @Column({ name: 'unverified_make', type: 'boolean' }) unverifiedMake: boolean;
  @Column({ name: 'unverified_calibre', type: 'boolean' }) unverifiedCalibre: boolean;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'registered_at', type: 'timestamptz' }) registeredAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

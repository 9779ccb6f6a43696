import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FindingKind } from './finding-kinds';

/** One discrepancy a run found; written by the run's completing transaction and never changed. */
@Entity({ name: 'reconciliation_findings' })
export class ReconciliationFindingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'run_id', type: 'uuid' }) runId: string;
  @Column({ type: 'text' }) kind: FindingKind;
  @Column({ name: 'weapon_id', type: 'uuid', nullable: true }) weaponId: string | null;
  @Column({ name: 'holder_id', type: 'uuid', nullable: true }) holderId: string | null;
  @Column({ type: 'jsonb' }) evidence: Record<string, unknown>;
}

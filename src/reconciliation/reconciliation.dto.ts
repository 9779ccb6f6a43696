import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { FINDING_KINDS, type FindingKind } from './finding-kinds';
import { RUN_STATUSES, RUN_TRIGGERS, type RunStatus, type RunTrigger } from './reconciliation-run.entity';

export class AcceptedRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}

export class FindingCountsDto {
  @ApiProperty({ description: "The weapon's holder is not the last transfer's recipient" }) HOLDER_MISMATCH: number;
  @ApiProperty({ description: 'An active weapon whose holder has no licence in force today covering its type' }) HOLDER_UNLICENSED: number;
  @ApiProperty({ description: 'Holder deceased, suspended or prohibited while the weapon is not destroyed, deactivated or exported' })
  HOLDER_INACTIVE: number;
  @ApiProperty({ description: 'Weapons of the same canonical make whose serials are equal once look-alike characters are folded' })
  POSSIBLE_DUPLICATE: number;
  @ApiProperty({ description: 'The audit chain does not verify (at most one finding)' }) AUDIT_CHAIN_INVALID: number;
  @ApiProperty({ description: 'A weapon, owner, licence or transfer without the audit entry that created it' }) MISSING_AUDIT: number;
  @ApiProperty({ description: 'Registered over 30 days ago, not in a final status, and no ballistic test recorded' })
  MISSING_BALLISTICS: number;
  @ApiProperty({ description: 'A lawfully held weapon handed in anonymously under an amnesty, still with the State: follow up its holder' })
  SURRENDERED_BY_THIRD_PARTY: number;
  @ApiProperty({ description: 'An incoming international trace (ITI) still open past its due date' }) TRACE_OVERDUE: number;
  @ApiProperty({ description: 'A holder under an active court prohibition still has a weapon in hand 30 days after the order took effect' })
  SURRENDER_OVERDUE: number;
  @ApiProperty({
    description:
      'A weapon in its holder\'s hands without a holding certificate in force for that holder: its valid one has expired (`expired`), ' +
      'it has none (`none`), or it names someone else (`other_holder`); `evidence.reason` says which',
  })
  CERTIFICATE_EXPIRED: number;
}

export class AuditChainSummaryDto {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Entries recomputed' }) checked: number;
  @ApiProperty({ description: 'The last entry the verification reached' }) headSeq: number;
  @ApiProperty({ nullable: true, type: Number }) firstInvalidSeq: number | null;
  @ApiProperty({ description: 'Signed checkpoints the chain was held against' }) checkpointsChecked: number;
}

export class ReconciliationRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty({ enum: RUN_TRIGGERS, description: '`manual` (POST /reconciliation/runs) or `schedule` (RECONCILE_CRON)' })
  trigger: RunTrigger;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who asked for it; null for a scheduled run' })
  requestedBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Weapons examined; null until the run completes' }) checked: number | null;
  @ApiProperty({ type: FindingCountsDto, nullable: true, description: 'Findings of every kind, zero included; null until the run completes' })
  findingsByKind: FindingCountsDto | null;
  @ApiProperty({ type: AuditChainSummaryDto, nullable: true, description: "The audit chain's verification; null until the run completes" })
  auditChain: AuditChainSummaryDto | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Wall time of each step of the run (each finding kind, `checked`, `total`), in milliseconds',
  })
  durationsMs: Record<string, number> | null;
  @ApiProperty({ description: 'Runs of the job so far, retries included' }) attempts: number;
  @ApiPropertyOptional({ description: 'Present once failed: why, in words for the reader' }) failureReason?: string;
}

export class FindingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: FINDING_KINDS }) kind: FindingKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) weaponId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The owner concerned: the holder, or the record owner' })
  holderId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the finding rests on; its fields depend on the kind' })
  evidence: Record<string, unknown>;
}

export class FindingsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FINDING_KINDS })
  @IsOptional()
  @IsIn(FINDING_KINDS)
  kind?: FindingKind;
}

export class RunsQuery extends PageQuery {}

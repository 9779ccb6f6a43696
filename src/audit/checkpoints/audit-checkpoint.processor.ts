import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, type JobPayloads } from '../../queue/jobs';
import { SignAuditCheckpointUseCase } from './sign-audit-checkpoint.use-case';

@Injectable()
export class AuditCheckpointProcessor {
  constructor(private readonly signCheckpoint: SignAuditCheckpointUseCase) {}

  /** Idempotent: a run that finds the head already signed signs nothing. */
  @JobHandler(JobName.SignAuditCheckpoint)
  async sign(_payload: JobPayloads[JobName.SignAuditCheckpoint]): Promise<{ signedSeq: number | null }> {
    const checkpoint = await this.signCheckpoint.signIfMoved();
    return { signedSeq: checkpoint?.seq ?? null };
  }
}

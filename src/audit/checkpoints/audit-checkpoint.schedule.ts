import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { type AuditConfig, auditConfig } from '../../config/audit.config';
import { JobName } from '../../queue/jobs';
import { QueueSchedules, type ScheduleSpec } from '../../queue/queue-schedules.service';

/** Every AUDIT_CHECKPOINT_INTERVAL seconds; a run that finds the head already signed signs nothing. */
export function auditCheckpointSchedule(config: AuditConfig): ScheduleSpec {
  return { every: config.checkpointIntervalSeconds * 1000 };
}

@Injectable()
export class AuditCheckpointSchedule implements OnModuleInit {
  constructor(
    private readonly schedules: QueueSchedules,
    @Inject(auditConfig.KEY) private readonly config: ConfigType<typeof auditConfig>,
  ) {}

  onModuleInit(): void {
    this.schedules.declare(JobName.SignAuditCheckpoint, auditCheckpointSchedule(this.config), {});
  }
}

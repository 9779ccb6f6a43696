import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { reconciliationConfig } from '../config';
import { JobName } from '../queue/jobs';
import { QueueSchedules } from '../queue/queue-schedules.service';

/** RECONCILE_CRON, in Panama's time zone; each firing becomes one run (keyed by its job id). */
@Injectable()
export class ReconciliationSchedule implements OnModuleInit {
  constructor(
    private readonly schedules: QueueSchedules,
    @Inject(reconciliationConfig.KEY) private readonly config: ConfigType<typeof reconciliationConfig>,
  ) {}

  onModuleInit(): void {
    this.schedules.declare(JobName.Reconcile, { cron: this.config.cron, timeZone: this.config.timeZone }, {});
  }
}

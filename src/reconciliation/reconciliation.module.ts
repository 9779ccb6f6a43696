import { Module } from '@nestjs/common';

/** Reconciliation runs: set-based checks of the whole registry, on demand and on RECONCILE_CRON. */
@Module({})
export class ReconciliationModule {}

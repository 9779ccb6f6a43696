import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller';
import { StatisticsQuery } from './statistics.query';

/** Figures for public policy: SDG 16.4.2, the registry, recoveries. */
@Module({
  controllers: [StatisticsController],
  providers: [StatisticsQuery],
})
export class StatisticsModule {}

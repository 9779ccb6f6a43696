import { Module } from '@nestjs/common';
import { OwnersModule } from '../owners/owners.module';
import { AccessLogController } from './access-log.controller';
import { AccessLogQuery } from './access-log.query';
import { ViewAccessLogUseCase } from './view-access-log.use-case';

/** The holder's rights over their data: the access log (reads are audited by @PersonalDataRead). */
@Module({
  imports: [OwnersModule],
  controllers: [AccessLogController],
  providers: [AccessLogQuery, ViewAccessLogUseCase],
  exports: [AccessLogQuery],
})
export class PersonalDataModule {}

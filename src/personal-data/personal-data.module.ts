import { Module } from '@nestjs/common';
import { OwnersModule } from '../owners/owners.module';
import { AccessLogController } from './access-log.controller';
import { AccessLogQuery } from './access-log.query';
import { SubjectAccessService } from './subject-access.service';
import { ViewAccessLogUseCase } from './view-access-log.use-case';

/**
 * The holder's rights over their data: the access log and the subject-access report's content
 * (reads are audited by @PersonalDataRead).
 */
@Module({
  imports: [OwnersModule],
  controllers: [AccessLogController],
  providers: [AccessLogQuery, ViewAccessLogUseCase, SubjectAccessService],
  exports: [AccessLogQuery, SubjectAccessService],
})
export class PersonalDataModule {}

import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** Global: every module that writes appends its audit entry through the one AuditService. */
@Global()
@Module({
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}

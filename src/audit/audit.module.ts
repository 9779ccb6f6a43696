import { Global, Module } from '@nestjs/common';
import { AuditService } from './log/audit.service';
import { AuditChainVerifier } from './verification/audit-chain.verifier';

/** Global: every module that writes appends its audit entry through the one AuditService. */
@Global()
@Module({
  providers: [AuditService, AuditChainVerifier],
  exports: [AuditService, AuditChainVerifier],
})
export class AuditModule {}

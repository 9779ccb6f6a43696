import { msg } from '../../i18n/message';
import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/domain-error';
import { type VerifyReport } from './audit-chain.verifier';
import { AuditCheckpointsQuery } from '../checkpoints/audit-checkpoints.query';
import { AuditService, type SeqRange } from '../log/audit.service';

@Injectable()
export class AuditVerificationQuery {
  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointsQuery,
  ) {}

  /** Recomputes the range and holds it against every signed checkpoint inside it. */
  verify(range: SeqRange): Promise<VerifyReport> {
    if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
      throw new ValidationFailedError([{ field: 'to', message: msg('field.before', 'to', 'from') }]);
    }
    return this.audit.verifyRange(range, this.checkpoints);
  }
}

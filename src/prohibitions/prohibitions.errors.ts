import { DomainError } from '../common/domain-error';
import { msg } from '../i18n/message';
import { ErrorCode } from '../common/error-code';

export class ProhibitionAlreadyLiftedError extends DomainError {
  constructor(id: string) {
    super(ErrorCode.ProhibitionAlreadyLifted, msg('prohibition.alreadyLifted', id));
  }
}

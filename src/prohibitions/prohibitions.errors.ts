import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class ProhibitionAlreadyLiftedError extends DomainError {
  constructor(id: string) {
    super(ErrorCode.ProhibitionAlreadyLifted, `Prohibition ${id} is already lifted.`);
  }
}

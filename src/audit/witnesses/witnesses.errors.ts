import { msg } from '../../i18n/message';
import { DomainError } from '../../common/domain-error';
import { ErrorCode } from '../../common/error-code';

export class InvalidCosignatureError extends DomainError {
  constructor(witness: string, treeSize: number) {
    super(ErrorCode.InvalidSignature, msg('witness.invalidSignature', witness, treeSize));
  }
}

export class AlreadyCosignedError extends DomainError {
  constructor(witness: string, treeSize: number) {
    super(ErrorCode.AlreadyCosigned, msg('witness.alreadyCosigned', witness, treeSize));
  }
}

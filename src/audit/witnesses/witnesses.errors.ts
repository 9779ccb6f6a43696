import { DomainError } from '../../common/domain-error';
import { ErrorCode } from '../../common/error-code';

export class InvalidCosignatureError extends DomainError {
  constructor(witness: string, treeSize: number) {
    super(ErrorCode.InvalidSignature, `The signature is not ${witness}'s Ed25519 signature over the note text of checkpoint ${treeSize}.`);
  }
}

export class AlreadyCosignedError extends DomainError {
  constructor(witness: string, treeSize: number) {
    super(ErrorCode.AlreadyCosigned, `${witness} already cosigned checkpoint ${treeSize}.`);
  }
}

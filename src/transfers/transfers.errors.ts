import { msg } from '../i18n/message';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class HolderMismatchError extends DomainError {
  constructor(weaponId: string) {
    super(ErrorCode.HolderMismatch, msg('transfer.holderMismatch', weaponId));
  }
}

export class WeaponNotTransferableError extends DomainError {
  constructor(status: string) {
    super(ErrorCode.WeaponNotTransferable, msg('transfer.notTransferable', status));
  }
}

export class RecipientNotLicensedError extends DomainError {
  constructor(type: string, day: string) {
    super(ErrorCode.RecipientNotLicensed, msg('transfer.recipientNotLicensed', type, day));
  }
}

export class SameOwnerError extends DomainError {
  constructor() {
    super(ErrorCode.SameOwner, msg('transfer.sameOwner'));
  }
}

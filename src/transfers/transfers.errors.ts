import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class HolderMismatchError extends DomainError {
  constructor(weaponId: string) {
    super(ErrorCode.HolderMismatch, `fromOwnerId is not the current holder of weapon ${weaponId}.`);
  }
}

export class WeaponNotTransferableError extends DomainError {
  constructor(status: string) {
    super(ErrorCode.WeaponNotTransferable, `A weapon that is ${status} cannot be transferred.`);
  }
}

export class RecipientNotLicensedError extends DomainError {
  constructor(type: string, day: string) {
    super(ErrorCode.RecipientNotLicensed, `The recipient has no licence in force on ${day} covering ${type}.`);
  }
}

export class SameOwnerError extends DomainError {
  constructor() {
    super(ErrorCode.SameOwner, 'The sender and the recipient are the same owner.');
  }
}

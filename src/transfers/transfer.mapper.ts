import type { TransferDto } from './transfer.dto';
import type { TransferEntity } from './transfer.entity';

export function toTransferDto(transfer: TransferEntity): TransferDto {
  return {
    id: transfer.id,
    weaponId: transfer.weaponId,
    fromOwnerId: transfer.fromOwnerId,
    toOwnerId: transfer.toOwnerId,
    kind: transfer.kind,
    date: transfer.date,
    documentRef: transfer.documentRef,
    destinationCountry: transfer.destinationCountry,
    recordedBy: transfer.recordedBy,
    recordedAt: transfer.recordedAt.toISOString(),
  };
}

import { type OwnerDto } from './owner.dto';
import { type OwnerEntity } from './owner.entity';

/** The owner as responses show it: never the search or normalised columns. */
export function toOwnerDto(owner: OwnerEntity): OwnerDto {
  return {
    id: owner.id,
    type: owner.type,
    name: owner.name,
    idDocument: { kind: owner.idKind, number: owner.idNumber },
    birthDate: owner.birthDate,
    nationality: owner.nationality,
    address: { district: owner.district, line: owner.addressLine },
    phone: owner.phone,
    email: owner.email,
    status: owner.status,
    version: owner.version,
    createdAt: owner.createdAt.toISOString(),
    updatedAt: owner.updatedAt.toISOString(),
  };
}

export type OwnerAuditView = OwnerDto & { statusReason: string | null };

/** What audit entries record of an owner: the response shape plus why the status is what it is. */
export function toOwnerAuditView(owner: OwnerEntity): OwnerAuditView {
  return { ...toOwnerDto(owner), statusReason: owner.statusReason };
}

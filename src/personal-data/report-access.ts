import { type Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { maskDocumentCell, maskPerson } from './mask';

/** A report belongs to its requester; an admin sees every report (API.md, "Roles and scope"). */
export function seesAllReports(reader: Principal): boolean {
  return reader.roles.includes(Role.Admin);
}

export function mayReadReport(reader: Principal, requestedBy: string): boolean {
  return seesAllReports(reader) || reader.id === requestedBy;
}

/** Reports an auditor requests never show a document number or an address. */
export function masksPersonalData(requester: Principal): boolean {
  return requester.roles.includes(Role.Auditor);
}

/** Columns of report rows that hold a `<kind> <number>` document, and those that hold an address. */
const DOCUMENT_COLUMNS = ['holderDocument', 'ownerDocument'];
const ADDRESS_COLUMNS = ['address', 'addressLine', 'holderAddress', 'ownerAddress'];

export function maskReportRow<T extends Record<string, string | number | null>>(row: T): T {
  const masked: Record<string, string | number | null> = { ...row };
  for (const column of DOCUMENT_COLUMNS) {
    const value = masked[column];
    if (typeof value === 'string') masked[column] = maskDocumentCell(value);
  }
  for (const column of ADDRESS_COLUMNS) if (column in masked) masked[column] = null;
  return masked as T;
}

interface TraceRecordPeople {
  holder: ({ idDocument?: { kind: string; number: string } | null } & object) | null;
  custody: Array<{ owner: { idDocument?: { kind: string; number: string } | null } & object }>;
}

/** A trace record with every person's document masked and no address. */
export function maskTraceRecord<T extends TraceRecordPeople>(record: T): T {
  return {
    ...record,
    holder: record.holder ? maskPerson(record.holder) : null,
    custody: record.custody.map((period) => ({ ...period, owner: maskPerson(period.owner) })),
  };
}

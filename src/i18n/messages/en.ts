import { ErrorCode, titleOf } from '../../common/error-code';
import { displayName } from '../display-names';
import { FieldName, fieldName } from '../field-names';

const f = (field: string): string => fieldName(field, 'en');
const F = (field: string): string => FieldName(field, 'en');
const list = (items: readonly string[]): string => items.join(', ');
const quoted = (items: readonly string[]): string => items.map((item) => JSON.stringify(item)).join(', ');

/** The records a NOT_FOUND names. Additive: a new kind of record adds its name in both languages. */
export type EntityName =
  | 'alert'
  | 'checkpoint'
  | 'correction'
  | 'destructionBatch'
  | 'holdingCertificate'
  | 'import'
  | 'internationalTrace'
  | 'licence'
  | 'notificationRun'
  | 'owner'
  | 'prohibition'
  | 'reconciliationRun'
  | 'recovery'
  | 'report'
  | 'traceRequest'
  | 'transfer'
  | 'treeHead'
  | 'user'
  | 'weapon'
  | 'witness';

const entities: Record<EntityName, string> = {
  alert: 'Alert',
  checkpoint: 'Signed checkpoint',
  correction: 'Correction',
  destructionBatch: 'Destruction batch',
  holdingCertificate: 'Holding certificate',
  import: 'Import',
  internationalTrace: 'International trace',
  licence: 'Licence',
  notificationRun: 'Reminder run',
  owner: 'Owner',
  prohibition: 'Prohibition',
  reconciliationRun: 'Reconciliation run',
  recovery: 'Recovery',
  report: 'Report',
  traceRequest: 'Trace request',
  transfer: 'Transfer',
  treeHead: 'Signed tree head',
  user: 'User',
  weapon: 'Weapon',
  witness: 'Witness',
};

/**
 * English texts. This file is the reference list of message keys and their arguments: es.ts
 * must give every one (a missing key does not compile, and catalogue.spec.ts checks both).
 */
export const en = {
  /** The English titles are the ones error-code.ts states next to each code. */
  titles: Object.fromEntries(Object.values(ErrorCode).map((code) => [code, titleOf(code)])) as Record<ErrorCode, string>,
  messages: {
    // Problem details
    'problem.invalid': (): string => 'One or more fields are invalid.',
    'problem.unprocessable': (): string => 'The request could not be processed.',
    'problem.noSuchResource': (): string => 'No such resource.',
    'problem.methodNotAllowed': (): string => 'This method is not allowed here.',
    'problem.internal': (): string => 'An unexpected error occurred; quote the request id when reporting it.',
    'problem.bodyTooLarge': (maxBytes: number): string => `The request body exceeds ${maxBytes} bytes.`,
    'problem.sendJson': (): string => 'Send the body as application/json.',
    'problem.malformedJson': (): string => 'The request body could not be parsed as JSON.',
    'problem.badUrl': (): string => 'The URL is not valid.',
    'problem.badContentLength': (): string => 'The Content-Length header does not match the body.',
    'problem.dependencyUnavailable': (): string => 'The database or the queue cannot be reached right now; try again shortly.',
    'problem.unavailable': (): string => 'A dependency of the service is unavailable.',
    'problem.closing': (): string => 'The service is shutting down; try again shortly.',
    'problem.notReady': (down: string[]): string => `Not ready: ${list(down)} unavailable.`,
    'problem.noSigningKey': (): string =>
      'This instance does not hold the checkpoint signing key; checkpoints are signed by the queue workers at intervals.',
    'problem.purposeRequired': (min: number, max: number): string =>
      `Police reads of personal data must name their purpose in X-Access-Purpose (${min}..${max} characters, e.g. a case number).`,
    'problem.notFound': (what: EntityName, id: string): string => `${entities[what]} ${id} does not exist.`,
    'problem.staleVersion': (current: number): string => `The record is at version ${current}; reload it and try again.`,

    // Authentication and roles
    'auth.invalidCredentials': (): string => 'The username or password is wrong.',
    'auth.tokenRequired': (): string => 'A valid bearer access token is required.',
    'auth.tokenInvalid': (): string => 'The access token is not valid.',
    'auth.refreshTokenReused': (): string => 'This refresh token was already used; every token of its login is revoked.',
    'auth.forbidden': (): string => 'Your roles do not allow this action.',
    'auth.tooManyAttempts': (seconds: number): string => `Too many failed logins; try again in ${seconds} s.`,
    'auth.outOfJurisdiction': (district: string): string => `District ${district} is outside your jurisdiction.`,
    'auth.refreshTokenInvalid': (): string => 'The refresh token is not valid.',
    'auth.notAWitness': (): string => 'No witness is registered for this user.',
    'auth.subjectAccessReaders': (): string => 'Only the ministry (officers, supervisors, admins) may request a subject-access report.',
    'auth.recoveryKindDenied': (kind: string): string => `Your roles may not record a recovery of kind ${kind}.`,
    'auth.eventKindDenied': (event: string): string => `Your roles may not record a ${event} event.`,
    'auth.selfApproval': (): string => 'A correction must be approved by someone other than its proposer.',
    'user.usernameTaken': (username: string): string => `The username ${username} is already in use.`,
    'user.passwordTooShort': (min: number): string => `The password must have at least ${min} characters.`,
    'user.passwordCommon': (): string => 'The password is one of the most commonly used passwords.',
    'user.passwordRepetitive': (): string => 'The password repeats too few distinct characters.',
    'user.passwordContainsUsername': (): string => 'The password must not contain the username.',

    // Owners and licences
    'owner.duplicate': (existingId: string): string => `Owner ${existingId} already holds this document.`,
    'owner.underAge': (birthDate: string, day: string, age: number): string => `Born on ${birthDate}, the owner is not ${age} on ${day}.`,
    'owner.inactive': (ownerId: string, status: string): string => `Owner ${ownerId} is ${displayName('ownerStatus', status, 'en')}.`,
    'owner.inactiveForLicence': (ownerId: string, status: string): string =>
      `Owner ${ownerId} is ${displayName('ownerStatus', status, 'en')}; only an active owner can receive a licence.`,
    'owner.deceasedIsFinal': (): string => 'A deceased owner is final: the status cannot change any more.',
    'owner.alreadyInStatus': (status: string): string => `The owner is already ${displayName('ownerStatus', status, 'en')}.`,
    'licence.duplicate': (kind: string, number: string): string => `A ${displayName('licenceKind', kind, 'en')} licence numbered ${number} already exists.`,
    'licence.alreadyRevoked': (licenceId: string): string => `Licence ${licenceId} is already revoked.`,
    'correction.notPending': (status: string): string => `The correction is already ${status}.`,

    // Weapons
    'weapon.duplicateMarking': (existingId: string): string => `A weapon with this make and serial is already registered: ${existingId}`,
    'weapon.duplicateMarkingInFile': (row: number): string => `A weapon with this make and serial is already in this file, on row ${row}.`,
    'weapon.markingWithoutMake': (): string => 'An item of this recovery bears a marking already recorded without a make; give the make.',
    'weapon.markingReportedStolen': (existingId: string, status: string): string =>
      `This marking belongs to weapon ${existingId}, reported ${displayName('weaponStatus', status, 'en')}.`,
    'weapon.holderNotLicensed': (type: string, day: string): string =>
      `The holder has no licence in force on ${day} covering a ${displayName('weaponType', type, 'en')}.`,
    'weapon.invalidTransition': (event: string, status: string): string =>
      `A ${displayName('weaponEvent', event, 'en')} event is not possible while the weapon is ${displayName('weaponStatus', status, 'en')}.`,
    'weapon.cannotBeRecovered': (index: number, weaponId: string, status: string): string =>
      `Item ${index} matches weapon ${weaponId}, which is ${displayName('weaponStatus', status, 'en')}: it cannot be recovered again.`,
    'weapon.notDestructible': (count: number, weaponIds: string[]): string =>
      `No weapon was destroyed: ${count} cannot be (${list(weaponIds)}).`,

    // Transfers
    'transfer.holderMismatch': (weaponId: string): string => `fromOwnerId is not the current holder of weapon ${weaponId}.`,
    'transfer.notTransferable': (status: string): string => `A weapon that is ${displayName('weaponStatus', status, 'en')} cannot be transferred.`,
    'transfer.recipientNotLicensed': (type: string, day: string): string =>
      `The recipient has no licence in force on ${day} covering a ${displayName('weaponType', type, 'en')}.`,
    'transfer.sameOwner': (): string => 'The sender and the recipient are the same owner.',

    // Idempotency, imports, reports, audit
    'idempotency.keyReused': (): string => 'This Idempotency-Key was used with a different request body.',
    'idempotency.inProgress': (): string => 'A request with this Idempotency-Key is still in progress.',
    'import.sendCsv': (): string => 'Send the file as text/csv (UTF-8, a header row, one weapon a row).',
    'import.tooLarge': (maxBytes: number): string => `The file exceeds ${maxBytes} bytes (IMPORT_MAX_BYTES).`,
    'import.failedBefore': (sha256: string, importId: string): string =>
      `This file (SHA-256 ${sha256}) is import ${importId}, which failed; the user who posted it, or an admin, can post it again to resume it.`,
    'import.alreadyImported': (sha256: string, importId: string): string => `This file (SHA-256 ${sha256}) was already imported: import ${importId}.`,
    'import.fileEmpty': (): string => 'The file is empty.',
    'import.fileNotUtf8': (): string => 'The file must be UTF-8 text.',
    'import.fileNotCsv': (): string => 'The file is not readable CSV.',
    'import.badHeader': (): string => 'The header row does not name the columns of an import.',
    'import.noDataRows': (): string => 'The file has no data rows.',
    'import.noOwner': (): string => 'No owner is registered with this holderDocumentKind and holderDocumentNumber.',
    'import.outOfJurisdiction': (district: string): string => `District ${district} is outside the importer's jurisdiction.`,
    'report.failed': (reportId: string, reason: string | null): string => `Report ${reportId} failed and has no file: ${reason ?? 'no reason recorded'}`,
    'report.notReady': (reportId: string, status: string): string =>
      `Report ${reportId} is ${status}; its file exists once GET /reports/${reportId} says completed.`,
    'audit.chainBroken': (seq: number | null, problem: string | null): string =>
      `The audit chain does not verify at seq ${seq}: ${problem ?? 'its head moved unexpectedly'}. No checkpoint was signed.`,
    'witness.invalidSignature': (witness: string, treeSize: number): string =>
      `The signature is not ${witness}'s Ed25519 signature over the note text of checkpoint ${treeSize}.`,
    'witness.alreadyCosigned': (witness: string, treeSize: number): string => `${witness} already cosigned checkpoint ${treeSize}.`,

    // Licences, evidence and court prohibitions
    'licence.alreadySuspended': (licenceId: string): string => `Licence ${licenceId} is already suspended; reinstate it before suspending it again.`,
    'licence.notSuspended': (licenceId: string, status: string): string =>
      `Licence ${licenceId} is ${displayName('licenceStatus', status, 'en')}, not suspended.`,
    'licence.evidenceMissing': (missing: string[], day: string): string =>
      `No evidence in force on ${day} of: ${list(missing.map((kind) => displayName('evidenceKind', kind, 'en')))}.`,
    'licence.renewalMustExtend': (field: string, current: string): string => `${F(field)} must be after the licence's current last day (${current}).`,
    'certificate.notRenewableStatus': (number: string, status: string): string =>
      `Holding certificate ${number} cannot be renewed: it is ${displayName('certificateStatus', status, 'en')}.`,
    'certificate.notRenewableWeapon': (number: string, weaponStatus: string): string =>
      `Holding certificate ${number} cannot be renewed: the weapon is ${displayName('weaponStatus', weaponStatus, 'en')} and no longer certified to this holder.`,
    'prohibition.alreadyLifted': (id: string): string => `Prohibition ${id} is already lifted.`,

    // International tracing
    'iti.nationalScopeOnly': (): string => 'International traces and the INTERPOL export are for police of national scope, supervisors and admins.',
    'iti.outgoingOnly': (field: string): string => `${F(field)} applies only to an outgoing trace.`,
    'iti.incomingOnly': (field: string): string => `${F(field)} applies only to an incoming trace; an outgoing one is sent now.`,
    'iti.outgoingNeedsWeapon': (field: string): string => `An outgoing trace needs ${f(field)}: the registry weapon it asks about.`,
    'iti.replyBeforeSent': (field: string): string => `${F(field)} cannot be before the trace was sent.`,
    'iti.notOpen': (id: string, status: string): string => `International trace ${id} is ${status}; it was already answered.`,
    'iti.answerWithReply': (id: string): string => `International trace ${id} is outgoing: record the foreign answer with POST …/reply.`,
    'iti.answerWithRespond': (id: string): string => `International trace ${id} is incoming: answer it with POST …/respond.`,
    'iti.packageFailed': (id: string, reason: string | null): string =>
      `The package of international trace ${id} could not be prepared: ${reason ?? 'no reason recorded'}`,
    'iti.packageNotReady': (id: string, status: string): string =>
      `The package of international trace ${id} is ${status}; poll GET /international-traces/${id}/package.`,

    // Field messages (errors[].message): one per field
    'field.notCertificateNumber': (field: string): string => `${F(field)} must be a certificate number such as CT-2026-0000123.`,
    'field.noSuchCertificate': (field: string, id: string): string => `No holding certificate has the id ${id}.`,
    'field.noSuchRecord': (field: string): string => `${F(field)} names no record of the registry.`,
    'field.beforeToday': (field: string, today: string): string => `${F(field)} must not be before today (${today}).`,
    'field.missing': (field: string): string => `${F(field)} is missing.`,
    'field.unknown': (field: string): string => `The field ${field} is not allowed here.`,
    'field.notText': (field: string): string => `${F(field)} must be text.`,
    'field.notInteger': (field: string): string => `${F(field)} must be a whole number.`,
    'field.notNumber': (field: string): string => `${F(field)} must be a number.`,
    'field.notBoolean': (field: string): string => `${F(field)} must be true or false.`,
    'field.notList': (field: string): string => `${F(field)} must be a list.`,
    'field.notObject': (field: string): string => `${F(field)} must be an object.`,
    'field.empty': (field: string): string => `${F(field)} must not be empty.`,
    'field.tooLong': (field: string, max: number): string => `${F(field)} must have at most ${max} characters.`,
    'field.tooShort': (field: string, min: number): string => `${F(field)} must have at least ${min} characters.`,
    'field.notOneOf': (field: string, allowed: string[]): string => `${F(field)} must be one of: ${list(allowed)}.`,
    'field.notUuid': (field: string): string => `${F(field)} must be a UUID.`,
    'field.belowMinimum': (field: string, min: number): string => `${F(field)} must be at least ${min}.`,
    'field.aboveMaximum': (field: string, max: number): string => `${F(field)} must be at most ${max}.`,
    'field.outOfRange': (field: string): string => `${F(field)} is out of range.`,
    'field.badFormat': (field: string): string => `${F(field)} is not in the expected format.`,
    'field.notCalendarDay': (field: string): string =>
      `${F(field)} must be a date YYYY-MM-DD that exists, between 1800-01-01 and 2100-12-31.`,
    'field.notInstant': (field: string): string =>
      `${F(field)} must be an ISO 8601 date and time on a day that exists, between 1800-01-01 and 2100-12-31.`,
    'field.notDistrictCode': (field: string): string => `${F(field)} must be a district code such as 8-05.`,
    'field.notCountryCode': (field: string): string => `${F(field)} must be an ISO 3166-1 alpha-2 country code in upper case, such as PA.`,
    'field.notPhone': (field: string): string => `${F(field)} must be a telephone number of digits, spaces, dashes or brackets.`,
    'field.notEmail': (field: string): string => `${F(field)} must be an e-mail address.`,
    'field.notUsername': (field: string): string => `${F(field)} must be 3 to 64 letters, digits, dots, dashes or underscores.`,
    'field.notEntityType': (field: string, allowed: string[]): string => `${F(field)} must be one of the audit entity types: ${list(allowed)}.`,
    'field.notActionName': (field: string): string => `${F(field)} must be an action name such as owner.updated.`,
    'field.notLicenceNumber': (field: string): string => `${F(field)} must be 1 to 64 letters, digits, spaces, dots, slashes or dashes.`,
    'field.notWitnessName': (field: string): string => `${F(field)} must be 1 to 128 printable ASCII characters without spaces or plus signs.`,
    'field.notPositiveInteger': (field: string): string => `${F(field)} must be a positive whole number.`,
    'field.tooFewItems': (field: string, min: number): string => `${F(field)} must hold at least ${min} entries.`,
    'field.tooManyItems': (field: string, max: number): string => `${F(field)} must hold at most ${max} entries.`,
    'field.repeatedItems': (field: string): string => `${F(field)} must not repeat an entry.`,
    'field.invalid': (field: string): string => `${F(field)} is not valid.`,
    'field.controlCharacters': (field: string): string => `${F(field)} must not contain control characters.`,
    'field.unpairedSurrogates': (field: string): string => `${F(field)} must not contain unpaired surrogates.`,
    'field.keyControlCharacters': (field: string): string => `A field name in ${f(field)} must not contain control characters.`,
    'field.keyUnpairedSurrogates': (field: string): string => `A field name in ${f(field)} must not contain unpaired surrogates.`,
    'field.nestsTooDeep': (field: string, max: number): string => `${F(field)} nests deeper than ${max} levels.`,
    'field.badPath': (): string => 'The path must be valid percent-encoded UTF-8 with parameters of at most 100 characters.',
    'field.badCursor': (): string => 'The cursor is not one this service issued.',
    'field.inFuture': (field: string): string => `${F(field)} cannot be in the future.`,
    'field.notInPast': (field: string): string => `${F(field)} must be a date YYYY-MM-DD, not in the future.`,
    'field.implausibleBirthDate': (field: string): string => `${F(field)} must lie between 1900-01-01 and today.`,
    'field.before': (field: string, other: string): string => `${F(field)} must not be before ${f(other)}.`,
    'field.after': (field: string, other: string): string => `${F(field)} must not be after ${f(other)}.`,
    'field.exceedsTreeSize': (field: string, size: number): string => `${F(field)} must not exceed the tree's size (${size}).`,
    'field.exceedsField': (field: string, other: string, value: number): string => `${F(field)} must be at most ${f(other)} (${value}).`,
    'field.unknownDistrict': (_field: string, code: string): string => `Unknown district ${code} (see GET /reference/districts).`,
    'field.unknownDistricts': (_field: string, codes: string[]): string => `Unknown district codes: ${list(codes)}.`,
    'field.unknownWeaponType': (_field: string, value: string): string => `Unknown weapon type ${JSON.stringify(value)} (see GET /reference/weapon-types).`,
    'field.serialEmpty': (field: string): string => `${F(field)} has no letters or digits.`,
    'field.serialCharacters': (field: string, characters: string[]): string =>
      `${F(field)} may hold only letters and digits (with spaces, dashes, dots and slashes), not ${quoted(characters)}.`,
    'field.serialTooShort': (field: string, min: number): string =>
      `${F(field)} needs at least ${min} letters or digits once spaces, dashes, dots and slashes are removed.`,
    'field.serialRequired': (field: string): string => `${F(field)} is required unless serialStatus is obliterated or unmarked.`,
    'field.importMarkingRequired': (): string => 'An import needs importMarking with country and year, or importMarking.exemptionRef.',
    'field.documentKindNotFor': (_field: string, ownerType: string, allowed: string[]): string =>
      `A ${displayName('ownerType', ownerType, 'en')} is identified by ${allowed.map((kind) => displayName('idDocumentKind', kind, 'en')).join(' or ')}.`,
    'field.notCedula': (field: string): string =>
      `${F(field)} must be a Panamanian cédula: a province 1-13 (optionally with AV or PI), or PE, E, N or SB, then book and entry numbers, e.g. 8-123-4567, 8AV-123-456, PE-12-345, E-8-12345, N-19-1234.`,
    'field.notRuc': (field: string): string =>
      `${F(field)} must be a RUC such as 155612345-2-2015 or 8-123-4567, optionally followed by DV and its check digits.`,
    'field.notPassport': (field: string): string => `${F(field)} must be a passport number of 5 to 20 letters or digits.`,
    'field.birthDateOnlyForPerson': (field: string): string => `${F(field)} applies only to a person.`,
    'field.birthDateRequired': (field: string): string => `${F(field)} is required for a person.`,
    'field.underAge': (_field: string, age: number): string => `The owner must be at least ${age} years old.`,
    'field.entityIdNeedsType': (field: string): string => `${F(field)} needs entityType.`,
    'field.notEd25519Key': (field: string): string => `${F(field)} must be an Ed25519 key: SPKI PEM or base64 of 32 bytes.`,
    'field.notWitnessUser': (_field: string): string => 'The user must hold the witness role.',
    'field.witnessTaken': (field: string): string => `A witness with this ${field} is already registered.`,
    'field.noIdentifyingChange': (field: string, fields: string[]): string => `${F(field)} must name at least one of ${list(fields)}.`,
    'field.exportNeedsCountry': (_field: string): string => 'An export needs destinationCountry.',
    'field.exportHasNoRecipient': (_field: string): string => 'An export has no recipient in Panama: leave toOwnerId out.',
    'field.transferNeedsRecipient': (_field: string, kind: string): string => `A ${kind} needs toOwnerId.`,
    'field.countryOnlyForExport': (_field: string): string => 'destinationCountry is only for an export.',
    'field.anonymousOnlyAmnesty': (_field: string): string => 'anonymous is allowed only for an amnesty hand-in.',
    'field.anonymousNamesNoOne': (_field: string): string => 'An anonymous hand-in names no one: leave surrenderedBy out.',
    'field.markedNeedsSerial': (_field: string): string => 'A marked weapon needs its serial number.',
    'field.sameMarkingAs': (_field: string, other: string): string => `The same marking as ${other}.`,
    'field.weaponOrRegistryNumber': (_field: string): string => 'Give exactly one of weaponId and registryNumber.',
    'field.noSuchWeapon': (_field: string, value: string): string => `No weapon is registered as ${value}.`,
    'field.badIdempotencyKey': (_field: string): string => 'Idempotency-Key must be 1 to 255 visible ASCII characters.',
    'field.badPurpose': (_field: string, min: number, max: number): string => `X-Access-Purpose must be ${min} to ${max} characters of text.`,
    'field.subjectAccessFormat': (_field: string): string => 'subject_access is built as pdf or json.',
    'field.fileEmpty': (_field: string): string => 'The file is empty.',
    'field.fileNotUtf8': (_field: string): string => 'The file is not valid UTF-8.',
    'field.fileNotCsv': (_field: string, reason: string): string => `The file is not readable CSV: ${reason}`,
    'field.fileNoHeader': (_field: string): string => 'The file has no header row.',
    'field.fileNoDataRows': (_field: string): string => 'The file has a header row but no data rows.',
    'field.columnWithoutName': (_field: string, column: number): string => `Column ${column} has no name in the header row.`,
    'field.unknownColumn': (field: string): string => `Unknown column ${JSON.stringify(field)}.`,
    'field.repeatedColumn': (field: string): string => `Column ${JSON.stringify(field)} appears twice.`,
    'field.missingColumn': (field: string): string => `Required column ${JSON.stringify(field)} is missing.`,
    'field.rowWidth': (_field: string, cells: number, width: number): string => `The row has ${cells} cells where the header has ${width}.`,
  },
};

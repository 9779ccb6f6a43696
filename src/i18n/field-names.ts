import { type Language } from './language';

/**
 * What a person calls the fields of the API's bodies, queries, paths and headers, with the
 * article a sentence needs ("Falta el número de serie"). Keyed by the field's own name (the last
 * part of its path); `errors[].field` keeps the path as the client sent it. A field missing here
 * is named as written. Additive: new DTOs may add their fields.
 */
export const FIELD_NAMES: Record<string, { es: string; en: string }> = {
  acquisition: { es: 'la adquisición', en: 'the acquisition' },
  actaRef: { es: 'el número de acta', en: 'the record (acta) reference' },
  action: { es: 'la acción', en: 'the action' },
  actorId: { es: 'el usuario que actuó', en: 'the actor' },
  address: { es: 'la dirección', en: 'the address' },
  agency: { es: 'la institución', en: 'the agency' },
  agencyReference: { es: 'la referencia de la agencia', en: 'the agency reference' },
  ammunition: { es: 'la munición', en: 'the ammunition' },
  anonymous: { es: 'la entrega anónima', en: 'the anonymous flag' },
  at: { es: 'la fecha', en: 'the date' },
  ballistics: { es: 'la prueba balística', en: 'the ballistic test' },
  batchId: { es: 'el lote de destrucción', en: 'the destruction batch' },
  birthDate: { es: 'la fecha de nacimiento', en: 'the date of birth' },
  body: { es: 'el cuerpo de la solicitud', en: 'the request body' },
  calibre: { es: 'el calibre', en: 'the calibre' },
  caseNumber: { es: 'el número de caso', en: 'the case number' },
  certificateId: { es: 'el certificado', en: 'the certificate' },
  changes: { es: 'los cambios', en: 'the changes' },
  circumstances: { es: 'las circunstancias', en: 'the circumstances' },
  confidential: { es: 'la marca de confidencialidad', en: 'the confidential flag' },
  country: { es: 'el país', en: 'the country' },
  countryOfManufacture: { es: 'el país de fabricación', en: 'the country of manufacture' },
  court: { es: 'el tribunal', en: 'the court' },
  crimeType: { es: 'el tipo de delito', en: 'the type of crime' },
  cursor: { es: 'el cursor', en: 'the cursor' },
  date: { es: 'la fecha', en: 'the date' },
  destinationCountry: { es: 'el país de destino', en: 'the destination country' },
  direction: { es: 'el sentido del rastreo', en: 'the direction' },
  disabled: { es: 'el estado de desactivación', en: 'the disabled flag' },
  district: { es: 'el distrito', en: 'the district' },
  diversionPoint: { es: 'el punto de desvío', en: 'the point of diversion' },
  documentRef: { es: 'la referencia del documento', en: 'the document reference' },
  dueAt: { es: 'la fecha de vencimiento', en: 'the due date' },
  email: { es: 'el correo electrónico', en: 'the e-mail address' },
  entityId: { es: 'el identificador del registro', en: 'the entity id' },
  entityType: { es: 'el tipo de registro', en: 'the entity type' },
  established: { es: 'la determinación del origen', en: 'the established flag' },
  exemptionRef: { es: 'la referencia de exención', en: 'the exemption reference' },
  expiresAt: { es: 'la fecha de vencimiento', en: 'the expiry date' },
  format: { es: 'el formato', en: 'the format' },
  from: { es: 'la fecha inicial', en: 'the start' },
  fromOwnerId: { es: 'el propietario que transfiere', en: 'the sender' },
  fullName: { es: 'el nombre completo', en: 'the full name' },
  groupBy: { es: 'la agrupación', en: 'the grouping' },
  holderDocumentKind: { es: 'el tipo de documento del tenedor', en: "the holder's document kind" },
  holderDocumentNumber: { es: 'el número de documento del tenedor', en: "the holder's document number" },
  holderId: { es: 'el tenedor', en: 'the holder' },
  id: { es: 'el identificador', en: 'the id' },
  idDocument: { es: 'el documento de identidad', en: 'the identity document' },
  idNumber: { es: 'el número de documento', en: 'the document number' },
  importMarking: { es: 'el marcaje de importación', en: 'the import marking' },
  issuedAt: { es: 'la fecha de expedición', en: 'the date of issue' },
  items: { es: 'las armas', en: 'the items' },
  jurisdiction: { es: 'la jurisdicción', en: 'the jurisdiction' },
  kind: { es: 'el tipo', en: 'the kind' },
  laboratory: { es: 'el laboratorio', en: 'the laboratory' },
  legalBasis: { es: 'el fundamento legal', en: 'the legal basis' },
  limit: { es: 'el límite', en: 'the limit' },
  line: { es: 'la dirección (línea)', en: 'the address line' },
  magazines: { es: 'los cargadores', en: 'the magazines' },
  make: { es: 'la marca', en: 'the make' },
  marking: { es: 'el marcaje', en: 'the marking' },
  method: { es: 'el método', en: 'the method' },
  model: { es: 'el modelo', en: 'the model' },
  name: { es: 'el nombre', en: 'the name' },
  nationality: { es: 'la nacionalidad', en: 'the nationality' },
  noOnwardSharing: { es: 'la prohibición de comunicar a terceros', en: 'the no-onward-sharing flag' },
  notes: { es: 'las observaciones', en: 'the notes' },
  number: { es: 'el número', en: 'the number' },
  occurredAt: { es: 'la fecha del hecho', en: 'the time of the event' },
  orderRef: { es: 'la referencia de la orden', en: 'the order reference' },
  otherMarkings: { es: 'las otras marcas', en: 'the other markings' },
  outcome: { es: 'el resultado', en: 'the outcome' },
  overdue: { es: 'el filtro de vencidos', en: 'the overdue filter' },
  ownerId: { es: 'el propietario', en: 'the owner' },
  params: { es: 'los parámetros', en: 'the parameters' },
  password: { es: 'la contraseña', en: 'the password' },
  phone: { es: 'el teléfono', en: 'the telephone number' },
  place: { es: 'el lugar', en: 'the place' },
  proof: { es: 'la prueba', en: 'the proof flag' },
  province: { es: 'la provincia', en: 'the province' },
  publicKey: { es: 'la clave pública', en: 'the public key' },
  publishable: { es: 'la opción publicable', en: 'the publishable flag' },
  purposeOnly: { es: 'el uso exclusivo', en: 'the purpose restriction' },
  reason: { es: 'el motivo', en: 'the reason' },
  receivedAt: { es: 'la fecha de recepción', en: 'the date received' },
  recovery: { es: 'la recuperación', en: 'the recovery' },
  reference: { es: 'la referencia', en: 'the reference' },
  refreshToken: { es: 'el token de renovación', en: 'the refresh token' },
  registryNumber: { es: 'el número de registro', en: 'the registry number' },
  requestingAgency: { es: 'la institución solicitante', en: 'the requesting agency' },
  restrictions: { es: 'las restricciones', en: 'the restrictions' },
  roles: { es: 'los roles', en: 'the roles' },
  rounds: { es: 'la cantidad de cartuchos', en: 'the number of rounds' },
  seq: { es: 'el número de secuencia', en: 'the sequence number' },
  serial: { es: 'el número de serie', en: 'the serial number' },
  serialNumber: { es: 'el número de serie', en: 'the serial number' },
  serialStatus: { es: 'el estado del número de serie', en: 'the serial status' },
  signature: { es: 'la firma', en: 'the signature' },
  since: { es: 'la fecha inicial', en: 'the start date' },
  state: { es: 'el Estado', en: 'the state' },
  status: { es: 'el estado', en: 'the status' },
  summary: { es: 'el resumen', en: 'the summary' },
  surrenderedBy: { es: 'la persona que entrega', en: 'the person surrendering' },
  testedAt: { es: 'la fecha de la prueba', en: 'the test date' },
  to: { es: 'la fecha final', en: 'the end' },
  toOwnerId: { es: 'el propietario que recibe', en: 'the recipient' },
  traceRequestId: { es: 'la solicitud de rastreo', en: 'the trace request' },
  treeSize: { es: 'el tamaño del árbol', en: 'the tree size' },
  type: { es: 'el tipo de arma', en: 'the weapon type' },
  until: { es: 'la fecha final', en: 'the end date' },
  userId: { es: 'el usuario', en: 'the user' },
  username: { es: 'el nombre de usuario', en: 'the username' },
  validUntil: { es: 'la fecha de validez', en: 'the valid-until date' },
  version: { es: 'la versión', en: 'the version' },
  weaponId: { es: 'el arma', en: 'the weapon' },
  weaponIds: { es: 'las armas', en: 'the weapons' },
  weaponTypes: { es: 'los tipos de arma', en: 'the weapon types' },
  weaponVersion: { es: 'la versión del arma', en: 'the weapon version' },
  witnesses: { es: 'los testigos', en: 'the witnesses' },
  year: { es: 'el año', en: 'the year' },
  yearOfManufacture: { es: 'el año de fabricación', en: 'the year of manufacture' },
  'Idempotency-Key': { es: 'la cabecera Idempotency-Key', en: 'the Idempotency-Key header' },
  'X-Access-Purpose': { es: 'la cabecera X-Access-Purpose', en: 'the X-Access-Purpose header' },
};

/** The last named part of a field path: `items[2].serialNumber` → `serialNumber`. */
function leafOf(path: string): string {
  const parts = path.replace(/\[\d+\]/g, '').split('.').filter((part) => part !== '' && !/^\d+$/.test(part));
  return parts[parts.length - 1] ?? path;
}

/** The field as a person names it, with its article, in `language`; an unknown one as written. */
export function fieldName(path: string, language: Language): string {
  const leaf = leafOf(path);
  const known = Object.prototype.hasOwnProperty.call(FIELD_NAMES, leaf) ? FIELD_NAMES[leaf][language] : undefined;
  if (known) return known;
  return language === 'es' ? `el campo ${path}` : `the field ${path}`;
}

/** The same, starting a sentence. */
export function FieldName(path: string, language: Language): string {
  const name = fieldName(path, language);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

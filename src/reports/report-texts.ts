import type { Language } from '../i18n/language';

/** One text in each language the service speaks. */
export type Localized = Readonly<Record<Language, string>>;

/** The locale each language formats dates in: day before month, never the ambiguous 11/20. */
const LOCALES: Record<Language, string> = { es: 'es-PA', en: 'en-GB' };

const pluralRules: Record<Language, Intl.PluralRules> = {
  es: new Intl.PluralRules(LOCALES.es),
  en: new Intl.PluralRules(LOCALES.en),
};

/** `n` with its noun agreeing: "1 evento", "3 eventos", "0 eventos"; "1 event", "3 events". */
export function counted(n: number, forms: { one: string; other: string }, language: Language): string {
  return `${n} ${pluralRules[language].select(n) === 'one' ? forms.one : forms.other}`;
}

const dayFormat: Record<Language, Intl.DateTimeFormat> = {
  es: new Intl.DateTimeFormat(LOCALES.es, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(LOCALES.en, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
};
const timeFormat: Record<Language, Intl.DateTimeFormat> = {
  es: new Intl.DateTimeFormat(LOCALES.es, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'America/Panama' }),
  en: new Intl.DateTimeFormat(LOCALES.en, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'America/Panama' }),
};

/** A calendar day `YYYY-MM-DD` for a reader: "20 nov 2026" / "20 Nov 2026"; anything else as written. */
export function formatDay(day: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(at.getTime()) ? day : dayFormat[language].format(at);
}

/** An instant in Panama time (UTC−5 all year) for a reader: "20 nov 2026, 10:30". */
export function formatTime(at: Date, language: Language): string {
  return timeFormat[language].format(at);
}

/** An instant in UTC, the same in every language: `2026-11-20 15:30:00 UTC`. */
export function utcTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** PDF column headings, by name; a column names its heading (by default its key). */
export const COLUMN_HEADINGS = {
  registryNumber: { es: 'N.º de registro', en: 'Registry number' },
  status: { es: 'Estado', en: 'Status' },
  make: { es: 'Marca', en: 'Make' },
  model: { es: 'Modelo', en: 'Model' },
  type: { es: 'Tipo', en: 'Type' },
  weaponType: { es: 'Tipo de arma', en: 'Weapon type' },
  calibre: { es: 'Calibre', en: 'Calibre' },
  serialNumber: { es: 'Serie', en: 'Serial' },
  serialNormalized: { es: 'Serie normalizada', en: 'Normalised serial' },
  holderName: { es: 'Titular', en: 'Holder' },
  holderDocument: { es: 'Documento', en: 'ID document' },
  district: { es: 'Distrito', en: 'District' },
  districtName: { es: 'Nombre del distrito', en: 'District name' },
  province: { es: 'Provincia', en: 'Province' },
  reportedAs: { es: 'Reportada como', en: 'Reported as' },
  reportedAt: { es: 'Fecha del reporte', en: 'Reported on' },
  place: { es: 'Lugar', en: 'Place' },
  weaponsTotal: { es: 'Armas', en: 'Weapons' },
  active: { es: 'Activas', en: 'Active' },
  lost: { es: 'Extraviadas', en: 'Lost' },
  stolen: { es: 'Robadas', en: 'Stolen' },
  seized: { es: 'Incautadas', en: 'Seized' },
  inStateCustody: { es: 'En custodia del Estado', en: 'In State custody' },
  destroyed: { es: 'Destruidas', en: 'Destroyed' },
  deactivated: { es: 'Inutilizadas', en: 'Deactivated' },
  exported: { es: 'Exportadas', en: 'Exported' },
  owners: { es: 'Propietarios', en: 'Owners' },
  licencesInForce: { es: 'Licencias vigentes', en: 'Licences in force' },
  caseNumber: { es: 'N.º de caso', en: 'Case number' },
  requestingAgency: { es: 'Agencia', en: 'Agency' },
  crimeType: { es: 'Delito', en: 'Offence' },
  serialSearched: { es: 'Serie buscada', en: 'Serial searched' },
  outcome: { es: 'Resultado', en: 'Outcome' },
  candidates: { es: 'Candidatas', en: 'Candidates' },
  tracedRegistryNumber: { es: 'Arma rastreada', en: 'Weapon traced' },
  requestedBy: { es: 'Solicitante', en: 'Requested by' },
  createdAt: { es: 'Creada', en: 'Filed' },
  completedAt: { es: 'Completada', en: 'Completed' },
  actaRef: { es: 'Acta', en: 'Record (acta)' },
  date: { es: 'Fecha', en: 'Date' },
  method: { es: 'Método', en: 'Method' },
  witnesses: { es: 'Testigos', en: 'Witnesses' },
  recoveryKind: { es: 'Tipo de recuperación', en: 'Kind of recovery' },
  seizedFoundSurrendered: { es: 'Armas incautadas, halladas o entregadas', en: 'Arms seized, found or surrendered' },
  originEstablished: { es: 'Origen ilícito establecido', en: 'Illicit origin established' },
  section: { es: 'Sección', en: 'Section' },
  legalBasis: { es: 'Base legal', en: 'Legal basis' },
  countryOfManufacture: { es: 'País de fabricación', en: 'Country of manufacture' },
  countryOfLastImport: { es: 'País de última importación', en: 'Country of last import' },
  trace: { es: 'Rastreo', en: 'Trace' },
  traceAnswered: { es: 'Respondido', en: 'Answered' },
  originFound: { es: 'Origen establecido', en: 'Origin established' },
  diversionPoint: { es: 'Punto de desvío', en: 'Diversion point' },
  rounds: { es: 'Cartuchos', en: 'Rounds' },
  field: { es: 'Dato', en: 'Item' },
  value: { es: 'Valor', en: 'Value' },
  position: { es: 'N.º', en: 'No.' },
  from: { es: 'Desde', en: 'From' },
  to: { es: 'Hasta', en: 'To' },
  transferKind: { es: 'Inicio', en: 'Began by' },
  occurredAt: { es: 'Fecha', en: 'Date' },
  event: { es: 'Evento', en: 'Event' },
  reference: { es: 'Referencia', en: 'Reference' },
  notes: { es: 'Notas', en: 'Notes' },
  flag: { es: 'Indicador', en: 'Flag' },
  importMarking: { es: 'Marca de importación', en: 'Import marking' },
  otherMarkings: { es: 'Otras marcas', en: 'Other markings' },
  entryKind: { es: 'Tipo de asiento', en: 'Entry kind' },
  ownerName: { es: 'Titular', en: 'Holder' },
  number: { es: 'Número', en: 'Number' },
  issuedAt: { es: 'Emitida', en: 'Issued' },
  validUntil: { es: 'Válida hasta', en: 'Valid until' },
  expiresAt: { es: 'Vence', en: 'Expires' },
  heldNow: { es: 'En su poder', en: 'Held now' },
  weapon: { es: 'Arma', en: 'Weapon' },
  document: { es: 'Documento', en: 'Document' },
  raisedAt: { es: 'Fecha', en: 'Date' },
  source: { es: 'Origen', en: 'Source' },
  at: { es: 'Fecha', en: 'Date' },
  actor: { es: 'Usuario', en: 'User' },
  action: { es: 'Acción', en: 'Action' },
  purpose: { es: 'Finalidad', en: 'Purpose' },
  requestId: { es: 'Solicitud', en: 'Request' },
} satisfies Record<string, Localized>;
export type HeadingName = keyof typeof COLUMN_HEADINGS;

/** The names of report params, as the PDF's first lines list them. */
const PARAM_NAMES: Record<string, Localized> = {
  weaponId: { es: 'arma (id)', en: 'weapon (id)' },
  registryNumber: { es: 'n.º de registro', en: 'registry number' },
  district: { es: 'distrito', en: 'district' },
  since: { es: 'desde', en: 'since' },
  until: { es: 'hasta', en: 'until' },
  from: { es: 'desde', en: 'from' },
  to: { es: 'hasta', en: 'to' },
  status: { es: 'estado', en: 'status' },
  caseNumber: { es: 'n.º de caso', en: 'case number' },
  ownerId: { es: 'titular (id)', en: 'owner (id)' },
  batchId: { es: 'lote de destrucción (id)', en: 'destruction batch (id)' },
  year: { es: 'año', en: 'year' },
};

export function paramName(key: string, language: Language): string {
  return Object.prototype.hasOwnProperty.call(PARAM_NAMES, key) ? PARAM_NAMES[key][language] : key;
}

/** The sentences and labels of a report, one set per language. */
export interface ReportTexts {
  ministry: string;
  registry: string;
  reportNumber: (id: string) => string;
  generated: (utc: string, panama: string) => string;
  consistentWith: (seq: number, hash: string) => string;
  footer: (utc: string, seq: number, hash: string) => string;
  params: (described: string) => string;
  noParams: string;
  requestedBy: (fullName: string, username: string) => string;
  answersTraceRequest: (caseNumber: string, agency: string) => string;
  end: (summary: string) => string;
  rows: (n: number) => string;
  traceSummary: (custody: number, events: number, flags: number) => string;
  subjectSummary: (weapons: number, transfers: number, accesses: number) => string;
  yes: string;
  no: string;
  current: string;
  statusChange: (from: string, to: string) => string;
  exemption: (ref: string) => string;
  panamaTime: string;
  trace: {
    identification: string;
    registryNumber: string;
    make: string;
    model: string;
    type: string;
    calibre: string;
    serialNumber: string;
    serialNormalized: string;
    serialStatus: string;
    countryOfManufacture: string;
    yearOfManufacture: string;
    importMarking: string;
    otherMarkings: string;
    weaponStatus: string;
    district: string;
    registeredAt: string;
    holderNow: string;
    name: string;
    document: string;
    typeAndStatus: string;
    noHolder: string;
    custody: string;
    events: string;
    noEvents: string;
    flags: string;
    noFlags: string;
  };
  subject: {
    identity: string;
    name: string;
    type: string;
    document: string;
    birthDate: string;
    nationality: string;
    address: string;
    phone: string;
    email: string;
    status: string;
    licences: string;
    noLicences: string;
    evidence: string;
    noEvidence: string;
    weapons: string;
    noWeapons: string;
    transfers: string;
    noTransfers: string;
    alerts: string;
    noAlerts: string;
    accessLog: string;
    noAccess: string;
  };
}

const ES: ReportTexts = {
  ministry: 'República de Panamá — Ministerio de Seguridad Pública',
  registry: 'Registro Nacional de Armas de Fuego',
  reportNumber: (id) => `Informe ${id}`,
  generated: (utc, panama) => `Generado: ${utc} — ${panama} (hora de Panamá)`,
  consistentWith: (seq, hash) =>
    `Consistente con el registro de auditoría hasta el asiento N.º ${seq} (hash ${hash}): ` +
    'incluye todo cambio registrado hasta ese asiento y ninguno posterior.',
  footer: (utc, seq, hash) => `Generado ${utc} · datos hasta el asiento de auditoría ${seq} · hash ${hash.slice(0, 16)}…`,
  params: (described) => `Parámetros: ${described}`,
  noParams: 'ninguno (todo el registro)',
  requestedBy: (fullName, username) => `Solicitado por: ${fullName} (usuario ${username}) · Formato: PDF`,
  answersTraceRequest: (caseNumber, agency) => `En respuesta a la solicitud de rastreo del caso N.º ${caseNumber} · Agencia solicitante: ${agency}`,
  end: (summary) => `Fin del informe — ${summary}.`,
  rows: (n) => counted(n, { one: 'fila', other: 'filas' }, 'es'),
  traceSummary: (custody, events, flags) =>
    [
      counted(custody, { one: 'periodo de custodia', other: 'periodos de custodia' }, 'es'),
      counted(events, { one: 'evento', other: 'eventos' }, 'es'),
      counted(flags, { one: 'indicador', other: 'indicadores' }, 'es'),
    ].join(', '),
  subjectSummary: (weapons, transfers, accesses) =>
    [
      counted(weapons, { one: 'arma', other: 'armas' }, 'es'),
      counted(transfers, { one: 'traspaso', other: 'traspasos' }, 'es'),
      counted(accesses, { one: 'acceso', other: 'accesos' }, 'es'),
    ].join(', '),
  yes: 'sí',
  no: 'no',
  current: 'actual',
  statusChange: (from, to) => `de ${from} a ${to}`,
  exemption: (ref) => `exención ${ref}`,
  panamaTime: 'hora de Panamá',
  trace: {
    identification: 'Identificación del arma',
    registryNumber: 'N.º de registro',
    make: 'Marca',
    model: 'Modelo',
    type: 'Tipo',
    calibre: 'Calibre',
    serialNumber: 'Número de serie',
    serialNormalized: 'Serie normalizada',
    serialStatus: 'Estado de la serie',
    countryOfManufacture: 'País de fabricación',
    yearOfManufacture: 'Año de fabricación',
    importMarking: 'Marca de importación',
    otherMarkings: 'Otras marcas',
    weaponStatus: 'Estado del arma',
    district: 'Distrito',
    registeredAt: 'Registrada',
    holderNow: 'Titular actual',
    name: 'Nombre',
    document: 'Documento',
    typeAndStatus: 'Tipo / estado',
    noHolder: 'Sin titular en el país.',
    custody: 'Cadena de custodia',
    events: 'Eventos',
    noEvents: 'Ningún evento registrado.',
    flags: 'Indicadores',
    noFlags: 'Ninguno.',
  },
  subject: {
    identity: 'Identidad',
    name: 'Nombre',
    type: 'Tipo',
    document: 'Documento',
    birthDate: 'Fecha de nacimiento',
    nationality: 'Nacionalidad',
    address: 'Dirección',
    phone: 'Teléfono',
    email: 'Correo',
    status: 'Estado',
    licences: 'Licencias',
    noLicences: 'Ninguna licencia.',
    evidence: 'Evidencias',
    noEvidence: 'El registro no guarda evidencias de esta persona.',
    weapons: 'Armas en su poder y que tuvo',
    noWeapons: 'Ninguna arma.',
    transfers: 'Traspasos',
    noTransfers: 'Ningún traspaso.',
    alerts: 'Alertas',
    noAlerts: 'Ninguna alerta.',
    accessLog: 'Registro de accesos',
    noAccess: 'Ningún acceso registrado.',
  },
};

const EN: ReportTexts = {
  ministry: 'Republic of Panama — Ministry of Public Security',
  registry: 'National Firearms Registry',
  reportNumber: (id) => `Report ${id}`,
  generated: (utc, panama) => `Generated: ${utc} — ${panama} (Panama time)`,
  consistentWith: (seq, hash) =>
    `Consistent with the audit log up to entry No. ${seq} (hash ${hash}): ` + 'it includes every change recorded up to that entry and none after it.',
  footer: (utc, seq, hash) => `Generated ${utc} · data up to audit entry ${seq} · hash ${hash.slice(0, 16)}…`,
  params: (described) => `Parameters: ${described}`,
  noParams: 'none (the whole registry)',
  requestedBy: (fullName, username) => `Requested by: ${fullName} (user ${username}) · Format: PDF`,
  answersTraceRequest: (caseNumber, agency) => `In answer to the trace request of case No. ${caseNumber} · Requesting agency: ${agency}`,
  end: (summary) => `End of report — ${summary}.`,
  rows: (n) => counted(n, { one: 'row', other: 'rows' }, 'en'),
  traceSummary: (custody, events, flags) =>
    [
      counted(custody, { one: 'custody period', other: 'custody periods' }, 'en'),
      counted(events, { one: 'event', other: 'events' }, 'en'),
      counted(flags, { one: 'flag', other: 'flags' }, 'en'),
    ].join(', '),
  subjectSummary: (weapons, transfers, accesses) =>
    [
      counted(weapons, { one: 'weapon', other: 'weapons' }, 'en'),
      counted(transfers, { one: 'transfer', other: 'transfers' }, 'en'),
      counted(accesses, { one: 'access', other: 'accesses' }, 'en'),
    ].join(', '),
  yes: 'yes',
  no: 'no',
  current: 'current',
  statusChange: (from, to) => `from ${from} to ${to}`,
  exemption: (ref) => `exemption ${ref}`,
  panamaTime: 'Panama time',
  trace: {
    identification: 'Identification of the weapon',
    registryNumber: 'Registry number',
    make: 'Make',
    model: 'Model',
    type: 'Type',
    calibre: 'Calibre',
    serialNumber: 'Serial number',
    serialNormalized: 'Normalised serial',
    serialStatus: 'Serial marking',
    countryOfManufacture: 'Country of manufacture',
    yearOfManufacture: 'Year of manufacture',
    importMarking: 'Import marking',
    otherMarkings: 'Other markings',
    weaponStatus: 'Status of the weapon',
    district: 'District',
    registeredAt: 'Registered',
    holderNow: 'Current holder',
    name: 'Name',
    document: 'ID document',
    typeAndStatus: 'Type / status',
    noHolder: 'No holder in the country.',
    custody: 'Chain of custody',
    events: 'Events',
    noEvents: 'No event recorded.',
    flags: 'Flags',
    noFlags: 'None.',
  },
  subject: {
    identity: 'Identity',
    name: 'Name',
    type: 'Type',
    document: 'ID document',
    birthDate: 'Date of birth',
    nationality: 'Nationality',
    address: 'Address',
    phone: 'Phone',
    email: 'Email',
    status: 'Status',
    licences: 'Licences',
    noLicences: 'No licence.',
    evidence: 'Evidence',
    noEvidence: 'The registry keeps no evidence about this person.',
    weapons: 'Weapons held now and before',
    noWeapons: 'No weapon.',
    transfers: 'Transfers',
    noTransfers: 'No transfer.',
    alerts: 'Alerts',
    noAlerts: 'No alert.',
    accessLog: 'Access log',
    noAccess: 'No access recorded.',
  },
};

const TEXTS: Record<Language, ReportTexts> = { es: ES, en: EN };

export function reportTexts(language: Language): ReportTexts {
  return TEXTS[language];
}

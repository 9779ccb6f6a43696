import { col, type Column } from './report-columns';

/** Columns of the recovery and statistics report kinds (kept free of Swagger, like report-kinds). */
export const DESTRUCTION_CERTIFICATE_COLUMNS: readonly Column[] = [
  col('actaRef', 1),
  col('date', 0.8, { type: 'date' }),
  col('place', 1.2),
  col('method', 0.8, { display: 'destructionMethod' }),
  col('witnesses', 1.8),
  col('registryNumber', 1.2),
  col('make', 0.9),
  col('model', 0.8),
  col('type', 0.7, { display: 'weaponType' }),
  col('calibre', 0.9),
  col('serialNumber', 1.1),
];

export const SDG_COLUMNS: readonly Column[] = [
  col('district', 0.7, { pdf: false }),
  col('districtName', 1.5, { heading: 'district' }),
  col('kind', 1.1, { heading: 'recoveryKind', display: 'recoveryKind' }),
  col('seizedFoundSurrendered', 1.4, { type: 'number' }),
  col('originEstablished', 1.2, { type: 'number' }),
];

const IAFQ_SECTIONS = {
  item: { es: 'arma', en: 'weapon' },
  ammunition: { es: 'munición', en: 'ammunition' },
} as const;

export const IAFQ_COLUMNS: readonly Column[] = [
  col('section', 0.8, { display: IAFQ_SECTIONS }),
  col('date', 0.8, { type: 'date' }),
  col('district', 0.9, { display: 'district' }),
  col('kind', 0.8, { heading: 'recoveryKind', display: 'recoveryKind' }),
  col('legalBasis', 1),
  col('type', 0.7, { heading: 'weaponType', display: 'weaponType' }),
  col('make', 0.8),
  col('model', 0.7),
  col('calibre', 0.8),
  col('serialNumber', 1),
  col('countryOfManufacture', 0.7, { display: 'country' }),
  col('countryOfLastImport', 0.7, { display: 'country' }),
  col('caseNumber', 0.9),
  col('trace', 0.7, { display: 'traceScope' }),
  col('traceAnswered', 0.6, { display: 'yesNo' }),
  col('originEstablished', 0.6, { heading: 'originFound', display: 'yesNo' }),
  col('diversionPoint', 0.8, { display: 'diversionPoint' }),
  col('rounds', 0.6, { type: 'number' }),
];

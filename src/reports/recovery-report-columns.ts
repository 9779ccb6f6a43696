import type { Column, ColumnType } from './report-kinds';

/** Columns of the recovery and statistics report kinds (kept free of Swagger, like report-kinds). */
const col = (key: string, heading: string, width: number, type: ColumnType = 'text'): Column => ({ key, heading, type, width });

export const DESTRUCTION_CERTIFICATE_COLUMNS: readonly Column[] = [
  col('actaRef', 'Acta', 1),
  col('date', 'Fecha', 0.8, 'date'),
  col('place', 'Lugar', 1.2),
  col('method', 'Método', 0.8),
  col('witnesses', 'Testigos', 1.8),
  col('registryNumber', 'N.º de registro', 1.2),
  col('make', 'Marca', 0.9),
  col('model', 'Modelo', 0.8),
  col('type', 'Tipo', 0.7),
  col('calibre', 'Calibre', 0.9),
  col('serialNumber', 'Serie', 1.1),
];

export const SDG_COLUMNS: readonly Column[] = [
  col('district', 'Distrito', 0.7),
  col('districtName', 'Nombre del distrito', 1.5),
  col('kind', 'Tipo de recuperación', 1.1),
  col('seizedFoundSurrendered', 'Armas incautadas, halladas o entregadas', 1.4, 'number'),
  col('originEstablished', 'Origen ilícito establecido', 1.2, 'number'),
];

export const IAFQ_COLUMNS: readonly Column[] = [
  col('section', 'Sección', 0.8),
  col('date', 'Fecha', 0.8, 'date'),
  col('district', 'Distrito', 0.6),
  col('kind', 'Tipo', 0.8),
  col('legalBasis', 'Base legal', 1),
  col('type', 'Tipo de arma', 0.7),
  col('make', 'Marca', 0.8),
  col('model', 'Modelo', 0.7),
  col('calibre', 'Calibre', 0.8),
  col('serialNumber', 'Serie', 1),
  col('countryOfManufacture', 'País de fabricación', 0.6),
  col('countryOfLastImport', 'País de última importación', 0.6),
  col('caseNumber', 'N.º de caso', 0.9),
  col('trace', 'Rastreo', 0.7),
  col('traceAnswered', 'Respondido', 0.6),
  col('originEstablished', 'Origen establecido', 0.6),
  col('diversionPoint', 'Punto de desvío', 0.8),
  col('rounds', 'Cartuchos', 0.6, 'number'),
];

import { csvCell, csvCellValue } from './csv-cell';

describe('csvCell', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with a quote', (value) => {
    expect(csvCell(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text alone', () => {
    expect(csvCell('José Pérez')).toBe('José Pérez');
    expect(csvCell('8-123-4567')).toBe('8-123-4567');
    expect(csvCell('')).toBe('');
  });

  it.each(['=1', "'=1", "'", "''x", 'plain', '-', ''])('round-trips %j', (value) => {
    expect(csvCellValue(csvCell(value))).toBe(value);
  });
});

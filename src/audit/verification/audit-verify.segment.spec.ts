import { isoFromUtcTimestamp, rowFromCopyLine, rowFromUtcText, segmentCopySql } from './audit-verify.segment';

describe('isoFromUtcTimestamp', () => {
  it('writes PostgreSQL UTC timestamp text as Date.prototype.toISOString does', () => {
    for (const iso of ['2026-11-28T10:05:00.000Z', '2026-11-28T10:05:00.100Z', '2026-11-28T10:05:00.120Z', '2026-11-28T10:05:00.123Z']) {
      const pgText = iso.replace('T', ' ').replace('Z', '').replace(/\.?0+$/, '');
      expect(isoFromUtcTimestamp(pgText)).toBe(iso);
    }
  });

  it('cuts microseconds to milliseconds, as Date does', () => {
    expect(isoFromUtcTimestamp('2026-11-28 10:05:00.123999')).toBe('2026-11-28T10:05:00.123Z');
  });
});

describe('rowFromUtcText', () => {
  it('reads SQL nulls in before and after as JSON null', () => {
    const row = rowFromUtcText(['7', '2026-11-28 10:05:00', null, 'cli:root', 'x', 'y', 'z', null, '{"a": 1}', null, null, 'a'.repeat(64), 'b'.repeat(64)]);
    expect(row).toMatchObject({ seq: 7, occurredAt: '2026-11-28T10:05:00.000Z', beforeJson: 'null', afterJson: '{"a": 1}', actorId: null });
  });
});

describe('rowFromCopyLine', () => {
  const hashes = ['a'.repeat(64), 'b'.repeat(64)];

  it('splits COPY text on tabs, reads \\N as null and undoes its backslash escapes', () => {
    const after = '{"note": "L\\u00ednea \\"1\\"\\nx", "tab": "a\\tb"}';
    const copied = after.replace(/\\/g, '\\\\');
    const line = ['8', '2026-11-28 10:05:00.5', '\\N', 'ana\\tlópez', 'owner.updated', 'owner', 'id-1', '\\N', copied, 'req\\\\1', '\\N', ...hashes].join('\t') + '\n';
    expect(rowFromCopyLine(line)).toEqual({
      seq: 8,
      occurredAt: '2026-11-28T10:05:00.500Z',
      actorId: null,
      actorUsername: 'ana\tlópez',
      action: 'owner.updated',
      entityType: 'owner',
      entityId: 'id-1',
      beforeJson: 'null',
      afterJson: after,
      requestId: 'req\\1',
      clientIp: null,
      prevHash: hashes[0],
      hash: hashes[1],
    });
  });

  it('refuses a line without the thirteen fields', () => {
    expect(() => rowFromCopyLine('1\t2\n')).toThrow(/13 expected/);
  });
});

describe('segmentCopySql', () => {
  it('inlines only integer bounds', () => {
    expect(segmentCopySql(3, 9)).toMatch(/seq >= 3 AND seq <= 9 ORDER BY seq\) TO STDOUT$/);
    expect(() => segmentCopySql(1, 2.5)).toThrow(/integers/);
  });
});

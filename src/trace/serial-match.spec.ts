import { classifyMatch, compareMatches, containsPattern, outcomeOf, partialScore, serialQuery } from './serial-match';

const candidate = (serialNumber: string) => ({ serialNumber, serialNormalized: serialQuery(serialNumber).normalized });

describe('classifyMatch', () => {
  const registered = candidate('B0O1-7S');

  it('tells the four kinds apart', () => {
    expect(classifyMatch(serialQuery('B0O1-7S'), registered)).toEqual({ match: 'exact', score: 1 });
    expect(classifyMatch(serialQuery(' b0o1 7s '), registered)).toEqual({ match: 'normalized', score: 0.95 });
    expect(classifyMatch(serialQuery('BOO17S'), registered)?.match).toBe('confusable');
    expect(classifyMatch(serialQuery('8001-75'), registered)?.match).toBe('confusable');
    expect(classifyMatch(serialQuery('O17S'), registered)?.match).toBe('partial');
    expect(classifyMatch(serialQuery('0175'), registered)?.match).toBe('partial');
    expect(classifyMatch(serialQuery('B0O17T'), registered)).toBeNull();
  });

  it('prefers fewer look-alike substitutions, and never ranks a confusable match below a partial one', () => {
    const one = classifyMatch(serialQuery('BOO17S'), registered)!.score;
    const four = classifyMatch(serialQuery('8001-75'), registered)!.score;
    expect(one).toBeGreaterThan(four);
    const manySubstitutions = classifyMatch(serialQuery('0000000000000000000000'), candidate('ODQODQODQODQODQODQODQO'))!;
    expect(manySubstitutions).toEqual({ match: 'confusable', score: 0.75 });
    expect(partialScore(serialQuery('ABCDEFGHJKMNPRTUVWXY3'), 'ABCDEFGHJKMNPRTUVWXY34')).toBeLessThan(0.75);
  });

  it('scores a fragment by how much of the serial it covers, literal fragments a little higher', () => {
    expect(partialScore(serialQuery('O17S'), 'B0O17S')).toBe(0.6);
    expect(partialScore(serialQuery('0175'), 'B0O17S')).toBe(0.55);
    expect(partialScore(serialQuery('O17S'), 'X8001759')).toBeCloseTo(0.475);
  });
});

describe('compareMatches', () => {
  it('orders by score, then kind, then registry number', () => {
    const entries = [
      { match: 'partial' as const, score: 0.5, registryNumber: 'PA-2026-0000003' },
      { match: 'exact' as const, score: 1, registryNumber: 'PA-2026-0000009' },
      { match: 'confusable' as const, score: 0.88, registryNumber: 'PA-2026-0000002' },
      { match: 'confusable' as const, score: 0.88, registryNumber: 'PA-2026-0000001' },
    ];
    expect(entries.sort(compareMatches).map((entry) => entry.registryNumber)).toEqual([
      'PA-2026-0000009',
      'PA-2026-0000001',
      'PA-2026-0000002',
      'PA-2026-0000003',
    ]);
  });
});

describe('outcomeOf', () => {
  it('traces a lone candidate or the only whole-serial match; otherwise lists the candidates', () => {
    expect(outcomeOf([])).toEqual({ outcome: 'not_found', traced: null });
    expect(outcomeOf([{ match: 'partial' }])).toEqual({ outcome: 'traced', traced: 0 });
    expect(outcomeOf([{ match: 'confusable' }, { match: 'partial' }, { match: 'partial' }])).toEqual({ outcome: 'traced', traced: 0 });
    expect(outcomeOf([{ match: 'exact' }, { match: 'normalized' }])).toEqual({ outcome: 'multiple_candidates', traced: null });
    expect(outcomeOf([{ match: 'partial' }, { match: 'partial' }])).toEqual({ outcome: 'multiple_candidates', traced: null });
  });
});

describe('containsPattern', () => {
  it('takes LIKE wildcards in a serial literally', () => {
    expect(containsPattern('AB%_\\1')).toBe('%AB\\%\\_\\\\1%');
  });
});

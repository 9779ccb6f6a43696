import { canonicalKey } from './canonical-key';

describe('canonicalKey', () => {
  it.each([
    ['S&W', 'sandw'],
    ['Smith and Wesson', 'smithandwesson'],
    ['smith & wesson', 'smithandwesson'],
    ['Smith & Wesson', 'smithandwesson'],
    ['SMITH&WESSON', 'smithandwesson'],
    ['9×19mm', '9x19mm'],
    ['9 x 19', '9x19'],
    ['9x19', '9x19'],
    [' CZ ', 'cz'],
    ['CZ-USA', 'czusa'],
    ['.38 Spl', '38spl'],
    ['12 GA', '12ga'],
    ['.22-250 Rem', '22250rem'],
    ['Thompson/Center', 'thompsoncenter'],
    ["Colt's", 'colts'],
  ])('keys %j as %j', (input, key) => {
    expect(canonicalKey(input)).toBe(key);
  });

  it('drops accents, whether precomposed or combining', () => {
    expect(canonicalKey('Česká Zbrojovka')).toBe('ceskazbrojovka');
    expect(canonicalKey('Ceska Zbrojovka')).toBe('ceskazbrojovka');
    expect(canonicalKey('C\u030Ceska\u0301 Zbrojovka')).toBe('ceskazbrojovka');
    expect(canonicalKey('Revólver')).toBe('revolver');
    expect(canonicalKey('FÉG')).toBe('feg');
    expect(canonicalKey('Anschütz')).toBe('anschutz');
    expect(canonicalKey('9mm corto ñ')).toBe('9mmcorton');
  });

  it('folds letters that have no decomposition instead of dropping them', () => {
    expect(canonicalKey('Łucznik')).toBe('lucznik');
    expect(canonicalKey('Sarsılmaz')).toBe('sarsilmaz');
    expect(canonicalKey('SARSILMAZ')).toBe('sarsilmaz');
    expect(canonicalKey('İzmir')).toBe('izmir');
    expect(canonicalKey('Straße')).toBe('strasse');
    expect(canonicalKey('Bjørn')).toBe('bjorn');
  });

  it('reads compatibility forms as their plain letters', () => {
    expect(canonicalKey('ＳＩＧ　Ｓａｕｅｒ')).toBe('sigsauer');
    expect(canonicalKey('Ｈ＆Ｋ')).toBe('handk');
    expect(canonicalKey('ﬁrearms')).toBe('firearms');
  });

  it('ignores every kind of white space and punctuation', () => {
    expect(canonicalKey('\tHeckler\u00A0&\nKoch ')).toBe('hecklerandkoch');
    expect(canonicalKey('Glock Ges.m.b.H.')).toBe('glockgesmbh');
    expect(canonicalKey('“Beretta” (USA)')).toBe('berettausa');
  });

  it('keeps digits, so neighbouring calibres stay apart', () => {
    expect(canonicalKey('.38')).not.toBe(canonicalKey('.380'));
    expect(canonicalKey('.223 Remington')).not.toBe(canonicalKey('5.56×45mm NATO'));
    expect(canonicalKey('7.62×39mm')).not.toBe(canonicalKey('7.62×51mm'));
  });

  it('gives an empty key when nothing identifying is left', () => {
    expect(canonicalKey('')).toBe('');
    expect(canonicalKey('  - / . ')).toBe('');
  });

  it('is idempotent', () => {
    for (const input of ['Smith & Wesson', '9×19mm Parabellum', 'Česká zbrojovka', 'Sarsılmaz', '12 GA']) {
      expect(canonicalKey(canonicalKey(input))).toBe(canonicalKey(input));
    }
  });
});

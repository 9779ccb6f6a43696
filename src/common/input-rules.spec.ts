import { msg, render } from '../i18n/message';
import { findInputFault, jsonNesting, MAX_NESTING, textFault } from './input-rules';

describe('input rules', () => {
  it('measures nesting on the raw text, ignoring brackets inside strings', () => {
    expect(jsonNesting('{"a":[1,{"b":"[[[[{{"}]}')).toBe(3);
    expect(jsonNesting('"\\"[["')).toBe(0);
    expect(jsonNesting('['.repeat(100_000))).toBe(100_000);
  });

  it.each(['a\u0000b', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\ud800', 'x\udfff', '\udc00\ud800'])('refuses %j', (text) => {
    expect(textFault(text)).not.toBeNull();
  });

  it.each(['', 'José Pérez', 'línea\tuno\r\ndos', '😀', '中文'])('accepts %j', (text) => {
    expect(textFault(text)).toBeNull();
  });

  it('names the field that breaks a rule, keys included', () => {
    expect(findInputFault({ owner: { names: ['ok', 'b\u0000d'] } })).toEqual({
      field: 'owner.names[1]',
      message: msg('field.controlCharacters', 'owner.names[1]'),
    });
    expect(render(findInputFault({ owner: { names: ['b\u0000d'] } })!.message, 'es')).toBe(
      'El campo owner.names[0] no puede contener caracteres de control.',
    );
    expect(findInputFault({ ['\ud800']: 1 })?.field).toBe('body');
    expect(findInputFault({ q: 'x' }, '')).toBeNull();
  });

  it('refuses a parsed value nested deeper than the limit', () => {
    let deep: unknown = 1;
    for (let level = 0; level < MAX_NESTING + 1; level += 1) deep = [deep];
    expect(render(findInputFault(deep)!.message, 'en')).toMatch(/deeper than 32/);
    let fine: unknown = 1;
    for (let level = 0; level < MAX_NESTING; level += 1) fine = [fine];
    expect(findInputFault(fine)).toBeNull();
  });
});

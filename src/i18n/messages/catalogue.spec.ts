import { ErrorCode } from '../../common/error-code';
import { CATALOGUES, msg, render, titleIn } from '../message';
import { en } from './en';
import { es } from './es';

describe('message catalogues', () => {
  it('gives every error code a title in Spanish and in English', () => {
    for (const code of Object.values(ErrorCode)) {
      for (const language of ['es', 'en'] as const) {
        expect(typeof titleIn(code, language)).toBe('string');
        expect(titleIn(code, language).trim()).not.toBe('');
      }
    }
    expect(Object.keys(es.titles).sort()).toEqual(Object.values(ErrorCode).sort());
    expect(Object.keys(en.titles).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('holds the same message keys in both languages', () => {
    expect(Object.keys(es.messages).sort()).toEqual(Object.keys(en.messages).sort());
    for (const key of Object.keys(en.messages)) {
      expect(typeof (CATALOGUES.es.messages as Record<string, unknown>)[key]).toBe('function');
      expect(typeof (CATALOGUES.en.messages as Record<string, unknown>)[key]).toBe('function');
    }
  });

  it('renders every message to text in both languages, given sample arguments', () => {
    // One sample that serves as any argument: text, a code, or a list (join/map) of codes.
    const sample = Object.assign(new String('pistol'), {
      join: (separator: string): string => ['8-05', '8-06'].join(separator),
      map: <T>(each: (item: string) => T): T[] => ['cedula', 'passport'].map(each),
    });
    for (const [key, text] of Object.entries(en.messages)) {
      const args: unknown[] = Array.from({ length: (text as (...a: unknown[]) => string).length }, () => sample);
      // A record's name is a closed list (EntityName), checked by the compiler.
      if (key === 'problem.notFound') args[0] = 'weapon';
      for (const catalogue of [CATALOGUES.es, CATALOGUES.en]) {
        const textIn = (catalogue.messages as Record<string, (...a: unknown[]) => string>)[key];
        const rendered = textIn(...args);
        expect(typeof rendered).toBe('string');
        expect(rendered.trim()).not.toBe('');
        expect(rendered).not.toContain('undefined');
      }
    }
  });

  it('speaks Spanish by default with accents and the field named as a person names it', () => {
    expect(render(msg('field.missing', 'serialNumber'), 'es')).toBe('Falta el número de serie.');
    expect(render(msg('field.missing', 'serialNumber'), 'en')).toBe('The serial number is missing.');
    expect(render(msg('field.missing', 'weaponIds'), 'es')).toBe('Faltan las armas.');
    expect(render(msg('problem.notFound', 'weapon', 'x'), 'es')).toBe('El arma x no existe.');
    expect(titleIn(ErrorCode.Forbidden, 'es')).toBe('No tiene permiso para esta operación');
    expect(render(msg('weapon.invalidTransition', 'reported_lost', 'stolen'), 'es')).toBe(
      'No se puede registrar un evento de denuncia de extravío mientras el arma está robada.',
    );
  });
});

import { type ValidationError } from 'class-validator';
import { getMetadataStorage } from 'class-validator';
import { type ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { type Message, msg } from '../i18n/message';
import { type FieldError } from './domain-error';

/**
 * class-validator's failures as the catalogue's messages, ONE per field: whatever a DTO declares
 * (and whatever English `message` it gives a decorator), the client reads a sentence of
 * src/i18n/messages in its language. A missing field says only that it is missing; otherwise the
 * first failure in RANK order speaks. Needs the errors with their target and value
 * (`validationError: { target: true, value: true }`): the target's metadata gives each
 * constraint's bounds. Neither ever reaches a client.
 */

/** Patterns of @Matches that mean something a person can be told; others are "not in the expected format". */
const PATTERNS: Record<string, (field: string) => Message> = {
  '^\\d{4}-\\d{2}-\\d{2}$': (field) => msg('field.notCalendarDay', field),
  '^(\\d{4})-(\\d{2})-(\\d{2})$': (field) => msg('field.notCalendarDay', field),
  '^\\d{1,2}-\\d{2}$': (field) => msg('field.notDistrictCode', field),
  '^[A-Z]{2}$': (field) => msg('field.notCountryCode', field),
  '^\\+?\\d[\\d ()-]{5,22}\\d$': (field) => msg('field.notPhone', field),
  '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$': (field) => msg('field.notUsername', field),
  '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2}))?$': (field) => msg('field.notInstant', field),
  '^[a-z][a-z0-9_.]{0,99}$': (field) => msg('field.notActionName', field),
  '^[!-*,-~]{1,128}$': (field) => msg('field.notWitnessName', field),
  '^[1-9]\\d{0,15}$': (field) => msg('field.notPositiveInteger', field),
};

/** Which document-number message a failed `isDocumentNumberOfKind` means, by the sibling `kind`. */
const DOCUMENT_NUMBER: Record<string, 'field.notCedula' | 'field.notRuc' | 'field.notPassport'> = {
  cedula: 'field.notCedula',
  ruc: 'field.notRuc',
  passport: 'field.notPassport',
};

/** The order in which failures speak: the kind of value before its length, range or pattern. */
const RANK = [
  'nestedValidation',
  'isArray',
  'isObject',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isUuid',
  'isEnum',
  'isIn',
  'isNotEmpty',
  'isCalendarDate',
  'isIso8601',
  'isDateString',
  'isDocumentNumberOfKind',
  'matches',
  'maxLength',
  'minLength',
  'isLength',
  'min',
  'max',
  'isPositive',
  'arrayMinSize',
  'arrayMaxSize',
  'arrayUnique',
  'isEmail',
  'isISO31661Alpha2',
  'isPlausibleBirthDate',
  'isNotBefore',
  'onlyForPersons',
];

function constraintsOf(target: unknown, property: string, name: string): unknown[] {
  if (target === null || typeof target !== 'object' || typeof target.constructor !== 'function') return [];
  const metadata: ValidationMetadata[] = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const found = metadata.find((entry) => entry.propertyName === property && entry.name === name);
  return (found?.constraints as unknown[] | undefined) ?? [];
}

function isMissing(value: unknown, failed: readonly string[]): boolean {
  if (value === undefined || value === null) return true;
  return value === '' && (failed.includes('isNotEmpty') || failed.includes('isDefined'));
}

function enumValues(entity: unknown): string[] {
  if (entity === null || typeof entity !== 'object') return [];
  const values = Object.entries(entity as Record<string, unknown>)
    .filter(([key]) => Number.isNaN(Number(key)))
    .map(([, value]) => String(value));
  return [...new Set(values)];
}

function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** The one message for a field whose constraints `failed` (names as class-validator gives them). */
export function messageForConstraints(field: string, failed: readonly string[], value: unknown, target: unknown, property: string): Message {
  if (failed.includes('whitelistValidation')) return msg('field.unknown', field);
  if (failed.includes('unknownValue')) return msg('field.notObject', field);
  if (isMissing(value, failed)) return msg('field.missing', field);
  const name = RANK.find((candidate) => failed.includes(candidate)) ?? failed[0];
  const [first, second] = constraintsOf(target, property, name);
  switch (name) {
    case 'nestedValidation':
    case 'isObject':
      return msg('field.notObject', field);
    case 'isArray':
      return msg('field.notList', field);
    case 'isString':
      return msg('field.notText', field);
    case 'isInt':
      return msg('field.notInteger', field);
    case 'isNumber':
      return msg('field.notNumber', field);
    case 'isBoolean':
      return msg('field.notBoolean', field);
    case 'isUuid':
      return msg('field.notUuid', field);
    case 'isEnum':
      return msg('field.notOneOf', field, Array.isArray(second) ? second.map(String) : enumValues(first));
    case 'isIn': {
      const allowed = Array.isArray(first) ? first.map(String) : [];
      return property === 'entityType' ? msg('field.notEntityType', field, allowed) : msg('field.notOneOf', field, allowed);
    }
    case 'isNotEmpty':
      return msg('field.empty', field);
    case 'isCalendarDate':
      return msg('field.notCalendarDay', field);
    case 'isIso8601':
    case 'isDateString':
      return msg('field.notInstant', field);
    case 'isDocumentNumberOfKind': {
      if (typeof value !== 'string') return msg('field.notText', field);
      const kind = (target as { kind?: unknown } | null)?.kind;
      const key = typeof kind === 'string' ? DOCUMENT_NUMBER[kind] : undefined;
      return key ? msg(key, field) : msg('field.invalid', field);
    }
    case 'matches': {
      const specific = first instanceof RegExp ? PATTERNS[first.source] : undefined;
      return specific ? specific(field) : msg('field.badFormat', field);
    }
    case 'maxLength':
      return msg('field.tooLong', field, numberOf(first));
    case 'minLength':
      return msg('field.tooShort', field, numberOf(first));
    case 'isLength':
      return typeof value === 'string' && value.length < numberOf(first) ? msg('field.tooShort', field, numberOf(first)) : msg('field.tooLong', field, numberOf(second));
    case 'min':
      return msg('field.belowMinimum', field, numberOf(first));
    case 'max':
      return msg('field.aboveMaximum', field, numberOf(first));
    case 'isPositive':
      return msg('field.belowMinimum', field, 1);
    case 'arrayMinSize':
      return msg('field.tooFewItems', field, numberOf(first));
    case 'arrayMaxSize':
      return msg('field.tooManyItems', field, numberOf(first));
    case 'arrayUnique':
      return msg('field.repeatedItems', field);
    case 'isEmail':
      return msg('field.notEmail', field);
    case 'isISO31661Alpha2':
      return msg('field.notCountryCode', field);
    case 'isPlausibleBirthDate':
      return msg('field.implausibleBirthDate', field);
    case 'onlyForPersons':
      return msg('field.birthDateOnlyForPerson', field);
    case 'isNotBefore': {
      const sibling = typeof first === 'string' ? first : '';
      const parent = field.includes('.') ? field.slice(0, field.lastIndexOf('.') + 1) : '';
      return msg('field.before', field, `${parent}${sibling}`);
    }
    default:
      return msg('field.invalid', field);
  }
}

/** One entry per bad field, named by its path (`parent.child`, array items by index), as the API reports a body. */
export function fieldErrorsOf(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = error.property === undefined || error.property === '' ? parent || 'body' : parent ? `${parent}.${error.property}` : error.property;
    const failed = Object.keys(error.constraints ?? {});
    const own: FieldError[] = failed.length > 0 ? [{ field, message: messageForConstraints(field, failed, error.value, error.target, error.property) }] : [];
    // A missing or mistyped object says so once; its children have nothing more to add.
    if (own.length > 0 && error.value !== null && typeof error.value !== 'object') return own;
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

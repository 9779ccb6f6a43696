import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { EARLIEST_BIRTH_DATE, isCalendarDate, todayInPanama } from './calendar';
import { isIdDocumentKind, parseIdDocument } from './id-document';

export const DISTRICT_CODE = /^\d{1,2}-\d{2}$/;

/** Trims strings and collapses inner white space; leaves anything else for the validators to refuse. */
export const Tidy = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : value));

export const UpperCase = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => isCalendarDate(value),
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must be a calendar date YYYY-MM-DD`,
    },
  });
}

/** Compares with a sibling date of the same object; left to IsCalendarDate when either is malformed. */
export function IsNotBefore(sibling: string): PropertyDecorator {
  return ValidateBy({
    name: 'isNotBefore',
    constraints: [sibling],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const other = (args?.object as Record<string, unknown> | undefined)?.[sibling];
        return !isCalendarDate(value) || !isCalendarDate(other) || other <= value;
      },
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must not be before ${sibling}`,
    },
  });
}

/** Checks `number` against the format of the sibling `kind`; an unknown kind is reported on kind alone. */
export function IsDocumentNumberOfKind(): PropertyDecorator {
  const check = (value: unknown, args?: ValidationArguments): string | null => {
    const kind = (args?.object as { kind?: unknown } | undefined)?.kind;
    if (!isIdDocumentKind(kind)) return null;
    if (typeof value !== 'string') return 'must be a string';
    const result = parseIdDocument(kind, value);
    return result.ok ? null : result.reason;
  };
  return ValidateBy({
    name: 'isDocumentNumberOfKind',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => check(value, args) === null,
      defaultMessage: (args?: ValidationArguments) => `${args?.property} ${check(args?.value, args) ?? 'is invalid'}`,
    },
  });
}

/** A field that only a person has; for an organization it must be left out. */
export function OnlyForPersons(): PropertyDecorator {
  return ValidateBy({
    name: 'onlyForPersons',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        (args?.object as { type?: unknown } | undefined)?.type !== 'organization',
      defaultMessage: (args?: ValidationArguments) => `${args?.property} applies only to a person`,
    },
  });
}

/** Not in the future and not before 1900: anything else is a typing error, not a very old or unborn owner. */
export function IsPlausibleBirthDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isPlausibleBirthDate',
    validator: {
      validate: (value: unknown) =>
        !isCalendarDate(value) || (value >= EARLIEST_BIRTH_DATE && value <= todayInPanama()),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be between ${EARLIEST_BIRTH_DATE} and today`,
    },
  });
}

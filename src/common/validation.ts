import { msg } from '../i18n/message';
import { type ArgumentMetadata, ParseUUIDPipe, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { type ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { isCalendarDay, isInstant } from './dates';
import { type FieldError, ValidationFailedError } from './domain-error';
import { fieldErrorsOf } from './field-messages';

/** Integer fields without a declared bound are held to PostgreSQL's `integer`. */
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

/** What a property's declared validators say it holds, for the rules every field of that kind obeys. */
interface FieldKind {
  integer: boolean;
  hasMin: boolean;
  hasMax: boolean;
  day: boolean;
  instant: boolean;
  each: boolean;
}

const DAY_SHAPES = ['^\\d{4}-\\d{2}-\\d{2}$', '^(\\d{4})-(\\d{2})-(\\d{2})$'];

const kindsByClass = new WeakMap<object, Map<string, FieldKind>>();

function kindsOf(target: object): Map<string, FieldKind> {
  const known = kindsByClass.get(target.constructor);
  if (known) return known;
  const kinds = readKinds(target);
  kindsByClass.set(target.constructor, kinds);
  return kinds;
}

function readKinds(target: object): Map<string, FieldKind> {
  const metadata: ValidationMetadata[] = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const kinds = new Map<string, FieldKind>();
  for (const entry of metadata) {
    const kind = kinds.get(entry.propertyName) ?? { integer: false, hasMin: false, hasMax: false, day: false, instant: false, each: false };
    switch (entry.name) {
      case 'isInt':
        kind.integer = true;
        kind.each ||= entry.each;
        break;
      case 'min':
        kind.hasMin = true;
        break;
      case 'max':
        kind.hasMax = true;
        break;
      case 'isCalendarDate':
        kind.day = true;
        kind.each ||= entry.each;
        break;
      case 'isIso8601':
      case 'isDateString':
        kind.instant = true;
        kind.each ||= entry.each;
        break;
      case 'matches': {
        const pattern: unknown = entry.constraints?.[0];
        if (pattern instanceof RegExp && DAY_SHAPES.includes(pattern.source)) {
          kind.day = true;
          kind.each ||= entry.each;
        }
        break;
      }
      default:
        break;
    }
    kinds.set(entry.propertyName, kind);
  }
  return kinds;
}

function fieldFault(kind: FieldKind, field: string, value: unknown): FieldError | null {
  if (kind.integer && typeof value === 'number' && ((!kind.hasMin && value < INT_MIN) || (!kind.hasMax && value > INT_MAX))) {
    return { field, message: msg('field.outOfRange', field) };
  }
  if (kind.day && typeof value === 'string' && !isCalendarDay(value)) {
    return { field, message: msg('field.notCalendarDay', field) };
  }
  if (kind.instant && typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(value) && !isInstant(value)) {
    return { field, message: msg('field.notInstant', field) };
  }
  if (kind.instant && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !isCalendarDay(value)) {
    return { field, message: msg('field.notCalendarDay', field) };
  }
  return null;
}

/**
 * The rules that hold for every field of a kind, whatever DTO declares it: an integer stays
 * within its column's range unless the DTO bounds it, and a date (IsCalendarDate, a YYYY-MM-DD
 * pattern, IsISO8601) names a day that exists within 1800-01-01…2100-12-31. Walks the
 * validated DTO and its nested DTOs.
 */
export function findFieldRuleFaults(root: unknown): FieldError[] {
  const faults: FieldError[] = [];
  const pending: Array<{ value: unknown; parent: string; depth: number }> = [{ value: root, parent: '', depth: 0 }];
  while (pending.length > 0) {
    const { value, parent, depth } = pending.pop()!;
    if (value === null || typeof value !== 'object' || depth > 64) continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, parent: `${parent}[${index}]`, depth: depth + 1 }));
      continue;
    }
    // Only validated DTOs are walked: plain objects and anything else (a principal, a stream) are left alone.
    if (value.constructor === Object || typeof value.constructor !== 'function') continue;
    const kinds = kindsOf(value);
    if (kinds.size === 0) continue;
    for (const [property, item] of Object.entries(value)) {
      const field = parent ? `${parent}.${property}` : property;
      const kind = kinds.get(property);
      if (kind) {
        const items = kind.each && Array.isArray(item) ? item : [item];
        for (const one of items) {
          const fault = fieldFault(kind, field, one);
          if (fault) faults.push(fault);
        }
      }
      if (item !== null && typeof item === 'object') pending.push({ value: item, parent: field, depth: depth + 1 });
    }
  }
  return faults;
}

/** Unknown fields are refused, not ignored; every bad field gets one entry. */
class RegistryValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const result: unknown = await super.transform(value, metadata);
    if (metadata.type === 'custom') return result;
    const faults = findFieldRuleFaults(result);
    if (faults.length > 0) throw new ValidationFailedError(faults);
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RegistryValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // Target and value let field-messages.ts read each constraint's bounds; neither reaches a client.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => new ValidationFailedError(fieldErrorsOf(errors)),
  });
}

/** Route ids are UUIDs; anything else is a validation failure naming the parameter. */
export function uuidParam(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new ValidationFailedError([{ field: name, message: msg('field.notUuid', name) }]),
  });
}

import 'reflect-metadata';
import { Type } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested, validateSync } from 'class-validator';
import { render } from '../i18n/message';
import { fieldErrorsOf } from './field-messages';

class Inner {
  @IsString() @IsNotEmpty() @MaxLength(10) make: string;
}

class Sample {
  @IsString() @IsNotEmpty() @MaxLength(1024) serialNumber: string;
  @IsIn(['pistol', 'rifle']) type: string;
  @IsOptional() @IsInt() @Min(1800) @Max(2100) yearOfManufacture?: number;
  @IsOptional() @Matches(/^\d{1,2}-\d{2}$/, { message: 'an English message that must not leak' }) district?: string;
  @IsOptional() @IsUUID('all') ownerId?: string;
  @IsOptional() @ValidateNested() @Type(() => Inner) marking?: Inner;
}

function errorsOf(body: object): Array<{ field: string; es: string; en: string }> {
  const errors = validateSync(plainToInstance(Sample, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: true, value: true },
  });
  return fieldErrorsOf(errors).map((error) => ({ field: error.field, es: render(error.message, 'es'), en: render(error.message, 'en') }));
}

describe('field messages', () => {
  it('says only that a missing field is missing, once', () => {
    expect(errorsOf({ type: 'pistol' })).toEqual([
      { field: 'serialNumber', es: 'Falta el número de serie.', en: 'The serial number is missing.' },
    ]);
  });

  it('gives one catalogue message per field for each kind of constraint, never class-validator English', () => {
    const errors = errorsOf({
      serialNumber: 'x'.repeat(1025),
      type: 'ray gun',
      yearOfManufacture: 1700,
      district: '805',
      ownerId: 'nope',
      marking: { make: 7 },
      colour: 'red',
    });
    expect(errors).toEqual([
      { field: 'colour', es: 'El campo colour no está permitido aquí.', en: 'The field colour is not allowed here.' },
      { field: 'serialNumber', es: 'El número de serie no puede tener más de 1024 caracteres.', en: 'The serial number must have at most 1024 characters.' },
      { field: 'type', es: 'El tipo de arma debe ser uno de estos valores: pistol, rifle.', en: 'The weapon type must be one of: pistol, rifle.' },
      { field: 'yearOfManufacture', es: 'El año de fabricación debe ser como mínimo 1800.', en: 'The year of manufacture must be at least 1800.' },
      { field: 'district', es: 'El distrito debe ser un código de distrito, por ejemplo 8-05.', en: 'The district must be a district code such as 8-05.' },
      { field: 'ownerId', es: 'El propietario debe ser un UUID.', en: 'The owner must be a UUID.' },
      { field: 'marking.make', es: 'La marca debe ser un texto.', en: 'The make must be text.' },
    ]);
  });
});

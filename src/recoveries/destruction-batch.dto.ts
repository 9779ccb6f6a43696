import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const trimAll = ({ value }: { value: unknown }): unknown => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value);

export const DESTRUCTION_METHODS = ['cutting', 'smelting', 'crushing', 'shredding', 'other'] as const;
export type DestructionMethod = (typeof DESTRUCTION_METHODS)[number];
export const MAX_BATCH_WEAPONS = 5000;

export class CreateDestructionBatchDto {
  @ApiProperty({ enum: DESTRUCTION_METHODS })
  @IsIn(DESTRUCTION_METHODS)
  method: DestructionMethod;

  @ApiProperty({ example: 'Fundición de Acero, Colón' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  place: string;

  @ApiProperty({ format: 'date', example: '2026-11-30' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date: string;

  @ApiProperty({ example: 'ACTA-DIASP-2026-017', description: 'Reference of the destruction record (acta)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  actaRef: string;

  @ApiProperty({ type: [String], minItems: 2, example: ['Lcda. Ana Ríos (Defensoría del Pueblo)', 'Sgto. Luis Vega (PN)'] })
  @Transform(trimAll)
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  witnesses: string[];

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BATCH_WEAPONS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_WEAPONS, { message: `weaponIds must hold at most ${MAX_BATCH_WEAPONS} weapons` })
  @ArrayUnique()
  @IsUUID('all', { each: true })
  weaponIds: string[];
}

export class DestructionBatchDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DESTRUCTION_METHODS }) method: DestructionMethod;
  @ApiProperty() place: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() actaRef: string;
  @ApiProperty({ type: [String] }) witnesses: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) weaponIds: string[];
  @ApiProperty({ description: 'How many weapons the batch destroyed' }) destroyed: number;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { Role } from '../auth/role.enum';

const DISTRICT_CODE = /^\d{1,2}-\d{2}$/;

export class CreateUserDto {
  @ApiProperty({ example: 'mrodriguez', description: '3 to 64 letters, digits, dots, dashes or underscores; case-insensitive' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/)
  username: string;

  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @MaxLength(1024)
  password: string;

  @ApiProperty({ example: 'María Rodríguez' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  fullName: string;

  @ApiProperty({ enum: Role, enumName: 'Role', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[];

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    example: ['8-05'],
    description: 'District codes the user may act in; null or absent is national scope',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(DISTRICT_CODE, { each: true })
  jurisdiction?: string[] | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: Role, enumName: 'Role', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'null is national scope' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(DISTRICT_CODE, { each: true })
  jurisdiction?: string[] | null;

  @ApiPropertyOptional({ description: "true disables the user: their tokens stop working at once" })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiProperty({ description: 'The version you read; a stale one gives 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: Role, enumName: 'Role', isArray: true }) roles: Role[];
  @ApiProperty({ type: [String], nullable: true }) jurisdiction: string[] | null;
  @ApiProperty() disabled: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

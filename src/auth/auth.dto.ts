import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Role } from './role.enum';

export class LoginDto {
  @ApiProperty({ example: 'mrodriguez' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'ES256 JWT; send as `Authorization: Bearer <token>`' }) accessToken: string;
  @ApiProperty({ description: 'Opaque, single use: each refresh spends it and returns a new one' })
  refreshToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Lifetime of the access token in seconds', example: 900 }) expiresIn: number;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: Role, enumName: 'Role', isArray: true }) roles: Role[];
  @ApiProperty({ type: [String], nullable: true, description: 'District codes; null is national scope' })
  jurisdiction: string[] | null;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class RegisterWitnessDto {
  @ApiProperty({ example: 'defensoria.gob.pa/witness', description: 'Key name of its cosignature lines: no spaces, no plus sign' })
  @IsString()
  @Matches(/^[!-*,-~]{1,128}$/)
  name: string;

  @ApiProperty({ description: 'Ed25519 public key: SPKI PEM, or the base64 of its 32 raw bytes' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  publicKey: string;

  @ApiProperty({ description: 'The user (holding the witness role) who posts this witness’s cosignatures' })
  @IsUUID()
  userId: string;
}

export class WitnessDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'SPKI PEM' }) publicKey: string;
  @ApiProperty({ example: '3f9a0c1b', description: 'Hex of the signed-note key hash of its cosignature lines' }) keyId: string;
  @ApiProperty() userId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CosignCheckpointDto {
  @ApiProperty({ description: "Base64 Ed25519 signature over the checkpoint's note text, by the witness's registered key" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  signature: string;
}

export class TreeSizeParams {
  @ApiProperty({ minimum: 1 })
  @Matches(/^[1-9]\d{0,15}$/)
  treeSize: string;
}

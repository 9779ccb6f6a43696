import { ApiProperty } from '@nestjs/swagger';

export class MakeDto {
  @ApiProperty({ example: 'Smith & Wesson', description: 'Canonical name, as weapons record it' })
  readonly name: string;

  @ApiProperty({
    type: [String],
    example: ['S&W', 'Smith & Wesson Brands', 'Smith Wesson', 'SW'],
    description: 'Other ways the make is written that resolve to it (case, accents, spacing, punctuation and "&"/"and" aside)',
  })
  readonly aliases: readonly string[];
}

export class CalibreDto {
  @ApiProperty({ example: '9×19mm Parabellum', description: 'Canonical name, as weapons record it' })
  readonly name: string;

  @ApiProperty({
    type: [String],
    example: ['9mm', '9mm Luger', '9mm NATO', '9mm Para', '9mm Parabellum', '9x19', '9x19mm'],
    description: 'Other ways the calibre or gauge is written that resolve to it (case, accents, spacing and punctuation aside)',
  })
  readonly aliases: readonly string[];
}

export class WeaponTypeDto {
  @ApiProperty({ example: 'pistol', description: 'What weapons and licences carry' })
  readonly code: string;

  @ApiProperty({ example: 'Pistola', description: 'Display name in the language of the request (Content-Language)' })
  readonly name: string;

  @ApiProperty({
    type: [String],
    example: ['pistol', 'pistola semiautomática', 'semi-automatic pistol'],
    description: 'Other ways the type is written that resolve to it; the code and the name resolve too',
  })
  readonly aliases: readonly string[];
}

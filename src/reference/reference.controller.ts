import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { RequestLanguage } from '../common/request-context';
import { DISPLAY_NAMES, type DisplayKind } from '../i18n/display-names';
import { type Language } from '../i18n/language';
import { WeaponEventKind, WeaponStatus } from '../registry/weapon-status';
import { CalibreDto, MakeDto, WeaponTypeDto } from './catalogue.dto';
import { CatalogueService } from './catalogue.service';
import { DistrictsService } from './districts.service';

class DistrictDto {
  @ApiProperty({ example: '8-05', description: 'INEC province number and district number' }) code: string;
  @ApiProperty({ example: 'San Miguelito' }) name: string;
  @ApiProperty({ example: 'Panamá', description: 'Province or comarca' }) province: string;
}

class NamedCodeDto {
  @ApiProperty({ example: 'stolen', description: 'The code the API exchanges; it never changes with the language' }) code: string;
  @ApiProperty({ example: 'robada', description: 'Its name in the language of the request (Content-Language)' }) name: string;
}

/** The codes of one kind, in the order the registry defines them, each with its name in `language`. */
function named(kind: DisplayKind, codes: readonly string[], language: Language): NamedCodeDto[] {
  const names: Record<string, { es: string; en: string }> = DISPLAY_NAMES[kind];
  return codes.map((code) => ({ code, name: names[code]?.[language] ?? code }));
}

@ApiTags('reference')
@Controller('reference')
export class ReferenceController {
  constructor(
    private readonly districts: DistrictsService,
    private readonly catalogue: CatalogueService,
  ) {}

  @Get('districts')
  @Authenticated()
  @ApiOperation({
    summary: "Panama's provinces, comarcas and their districts",
    description:
      'Any authenticated user. Every district with its code (the jurisdiction and address unit), name and province, in numeric order of province then district (`1-01` … `2-01` … `10-01`).',
  })
  @ApiOkResponse({ type: [DistrictDto] })
  listDistricts(): Promise<DistrictDto[]> {
    return this.districts.list();
  }

  @Get('makes')
  @Authenticated()
  @ApiOperation({
    summary: 'Firearm makes with their aliases, sorted by name; a weapon\'s make is recorded under these names',
    description:
      'Any authenticated user. The canonical firearm makes and the aliases input is folded through (`S&W` → `Smith & Wesson`); a make not listed is kept as written and flagged `unverifiedMake`.',
  })
  @ApiOkResponse({ type: [MakeDto] })
  listMakes(): readonly MakeDto[] {
    return this.catalogue.listMakes();
  }

  @Get('calibres')
  @Authenticated()
  @ApiOperation({
    summary: 'Calibres and gauges with their aliases, sorted by name; a weapon\'s calibre is recorded under these names',
    description:
      'Any authenticated user. The canonical calibres and gauges and their aliases (`9mm` → `9×19mm Parabellum`); a calibre not listed is kept as written and flagged `unverifiedCalibre`.',
  })
  @ApiOkResponse({ type: [CalibreDto] })
  listCalibres(): readonly CalibreDto[] {
    return this.catalogue.listCalibres();
  }

  @Get('weapon-types')
  @Authenticated()
  @ApiOperation({
    summary: 'Weapon types: the codes weapons and licences carry, with display names and aliases, sorted by name',
    description:
      'Any authenticated user. The weapon type codes that weapons carry and licences cover, with their display names and aliases. `name` is in the language of the request (Spanish by default, English for `Accept-Language: en`); `code` never changes.',
  })
  @ApiOkResponse({ type: [WeaponTypeDto] })
  listWeaponTypes(@RequestLanguage() language: Language): readonly WeaponTypeDto[] {
    return this.catalogue.listWeaponTypes(language);
  }

  @Get('weapon-statuses')
  @Authenticated()
  @ApiOperation({
    summary: 'Weapon statuses with their display names',
    description:
      'Any authenticated user. Every `status` a weapon can have, with its name in the language of the request (Spanish by default: `stolen` → `robada`; English for `Accept-Language: en`), for screens that show a status to a person.',
  })
  @ApiOkResponse({ type: [NamedCodeDto] })
  listWeaponStatuses(@RequestLanguage() language: Language): NamedCodeDto[] {
    return named('weaponStatus', Object.values(WeaponStatus), language);
  }

  @Get('weapon-event-kinds')
  @Authenticated()
  @ApiOperation({
    summary: 'Weapon event kinds with their display names',
    description:
      'Any authenticated user. Every `kind` a weapon event can have (reported through POST /weapons/:id/events or written by the registry itself), with its name in the language of the request (`reported_stolen` → `denuncia de robo`).',
  })
  @ApiOkResponse({ type: [NamedCodeDto] })
  listWeaponEventKinds(@RequestLanguage() language: Language): NamedCodeDto[] {
    return named('weaponEvent', Object.values(WeaponEventKind), language);
  }
}

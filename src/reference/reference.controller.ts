import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { RequestLanguage } from '../common/request-context';
import { type Language } from '../i18n/language';
import { CalibreDto, MakeDto, WeaponTypeDto } from './catalogue.dto';
import { CatalogueService } from './catalogue.service';
import { DistrictsService } from './districts.service';

class DistrictDto {
  @ApiProperty({ example: '8-05', description: 'INEC province number and district number' }) code: string;
  @ApiProperty({ example: 'San Miguelito' }) name: string;
  @ApiProperty({ example: 'Panamá', description: 'Province or comarca' }) province: string;
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
}

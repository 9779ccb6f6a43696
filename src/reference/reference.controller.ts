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
  @ApiOperation({ summary: "Panama's provinces, comarcas and their districts" })
  @ApiOkResponse({ type: [DistrictDto] })
  listDistricts(): Promise<DistrictDto[]> {
    return this.districts.list();
  }

  @Get('makes')
  @Authenticated()
  @ApiOperation({ summary: 'Firearm makes with their aliases, sorted by name; a weapon\'s make is recorded under these names' })
  @ApiOkResponse({ type: [MakeDto] })
  listMakes(): readonly MakeDto[] {
    return this.catalogue.listMakes();
  }

  @Get('calibres')
  @Authenticated()
  @ApiOperation({ summary: 'Calibres and gauges with their aliases, sorted by name; a weapon\'s calibre is recorded under these names' })
  @ApiOkResponse({ type: [CalibreDto] })
  listCalibres(): readonly CalibreDto[] {
    return this.catalogue.listCalibres();
  }

  @Get('weapon-types')
  @Authenticated()
  @ApiOperation({
    summary: 'Weapon types: the codes weapons and licences carry, with display names and aliases, sorted by name',
    description: '`name` is in the language of the request (Spanish by default, English for `Accept-Language: en`); `code` never changes.',
  })
  @ApiOkResponse({ type: [WeaponTypeDto] })
  listWeaponTypes(@RequestLanguage() language: Language): readonly WeaponTypeDto[] {
    return this.catalogue.listWeaponTypes(language);
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { DistrictsService } from './districts.service';

class DistrictDto {
  @ApiProperty({ example: '8-05', description: 'INEC province number and district number' }) code: string;
  @ApiProperty({ example: 'San Miguelito' }) name: string;
  @ApiProperty({ example: 'Panamá', description: 'Province or comarca' }) province: string;
}

@ApiTags('reference')
@Controller('reference')
export class ReferenceController {
  constructor(private readonly districts: DistrictsService) {}

  @Get('districts')
  @Authenticated()
  @ApiOperation({ summary: "Panama's provinces, comarcas and their districts" })
  @ApiOkResponse({ type: [DistrictDto] })
  listDistricts(): Promise<DistrictDto[]> {
    return this.districts.list();
  }
}

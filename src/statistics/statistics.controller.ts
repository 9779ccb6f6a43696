import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role.enum';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import {
  RecoveryStatisticsDto,
  RecoveryStatisticsQuery,
  RegistryStatisticsDto,
  RegistryStatisticsQuery,
  SdgIndicatorDto,
  SdgQuery,
} from './statistics.dto';
import { StatisticsQuery } from './statistics.query';

/** Supervisors, auditors and admins, national whatever their jurisdiction. */
const STATISTICS_READERS = [Role.Admin, Role.Supervisor, Role.Auditor];

@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsQuery) {}

  @Get('sdg-16-4-2')
  @Roles(...STATISTICS_READERS)
  @ApiOperation({ summary: 'SDG indicator 16.4.2: recovered arms whose illicit origin a competent authority established' })
  @ApiOkResponse({ type: SdgIndicatorDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  sdg(@Query() query: SdgQuery): Promise<SdgIndicatorDto> {
    return this.statistics.sdg(query);
  }

  @Get('registry')
  @Roles(...STATISTICS_READERS)
  @ApiOperation({ summary: 'Weapons and licensed holders as of the end of a day, per group' })
  @ApiOkResponse({ type: RegistryStatisticsDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  registry(@Query() query: RegistryStatisticsQuery): Promise<RegistryStatisticsDto> {
    return this.statistics.registry(query);
  }

  @Get('recoveries')
  @Roles(...STATISTICS_READERS)
  @ApiOperation({ summary: 'Recovery items of a period per group, and ammunition rounds per calibre' })
  @ApiOkResponse({ type: RecoveryStatisticsDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  recoveries(@Query() query: RecoveryStatisticsQuery): Promise<RecoveryStatisticsDto> {
    return this.statistics.recoveries(query);
  }
}

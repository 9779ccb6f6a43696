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
  @ApiOperation({
    summary: 'SDG indicator 16.4.2: recovered arms whose illicit origin a competent authority established',
    description:
      'Supervisors, auditors and admins; national whatever the reader\'s jurisdiction. Counts the recovery items dated in `from..to` (optionally one district) and those whose trace request carries an established illicit origin, with the proportion, by kind and by district. Carries the audit head it was computed at; `publishable=true` suppresses counts of 1 to 4. Bad dates: 400.',
  })
  @ApiOkResponse({ type: SdgIndicatorDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  sdg(@Query() query: SdgQuery): Promise<SdgIndicatorDto> {
    return this.statistics.sdg(query);
  }

  @Get('registry')
  @Roles(...STATISTICS_READERS)
  @ApiOperation({
    summary: 'Weapons and licensed holders as of the end of a day, per group',
    description:
      'Supervisors, auditors and admins; national. Weapons and licensed holders as of the end of the day `at` (default today), grouped by district, province, type, status or licence kind, with the audit head it was computed at; `publishable=true` suppresses counts of 1 to 4. A bad date or group: 400.',
  })
  @ApiOkResponse({ type: RegistryStatisticsDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  registry(@Query() query: RegistryStatisticsQuery): Promise<RegistryStatisticsDto> {
    return this.statistics.registry(query);
  }

  @Get('recoveries')
  @Roles(...STATISTICS_READERS)
  @ApiOperation({
    summary: 'Recovery items of a period per group, and ammunition rounds per calibre',
    description:
      'Supervisors, auditors and admins; national. Recovery items dated in `from..to`, grouped by month, district, type, kind or calibre, and ammunition rounds per calibre, with the audit head it was computed at. A bad date or group: 400.',
  })
  @ApiOkResponse({ type: RecoveryStatisticsDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  recoveries(@Query() query: RecoveryStatisticsQuery): Promise<RecoveryStatisticsDto> {
    return this.statistics.recoveries(query);
  }
}

import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import { type Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { ChangeOwnerStatusUseCase } from './change-owner-status.use-case';
import { CreateOwnerUseCase } from './create-owner.use-case';
import { ChangeOwnerStatusDto, CreateOwnerDto, OwnerDto, OwnerSearchQuery, UpdateOwnerDto } from './owner.dto';
import { OWNER_READERS, OWNER_WRITERS } from './owners.roles';
import { OwnersQuery } from './owners.query';
import { UpdateOwnerUseCase } from './update-owner.use-case';
import { PersonalDataRead } from '../personal-data/personal-data-read.decorator';
import { OWNER_SEARCH, OWNER_VIEW } from '../personal-data/personal-data-reads';
import { Created } from '../common/location';

@ApiTags('owners')
@Controller('owners')
export class OwnersController {
  constructor(
    private readonly createOwner: CreateOwnerUseCase,
    private readonly updateOwner: UpdateOwnerUseCase,
    private readonly changeStatus: ChangeOwnerStatusUseCase,
    private readonly owners: OwnersQuery,
  ) {}

  @Post()
  @Created('/api/v1/owners/{id}')
  @Roles(...OWNER_WRITERS)
  @ApiOperation({ summary: 'Register an owner (a person of 18 or more, or an organization)' })
  @ApiCreatedResponse({ type: OwnerDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.OutOfJurisdiction, ErrorCode.DuplicateOwner, ErrorCode.OwnerUnderAge)
  create(@Body() body: CreateOwnerDto, @Ctx() context: RequestContext): Promise<OwnerDto> {
    return this.createOwner.execute(body, context);
  }

  @Get()
  @Roles(...OWNER_READERS)
  @PersonalDataRead(OWNER_SEARCH)
  @ApiOperation({ summary: 'Search owners by document number, name (ignoring case and accents) or district, by name' })
  @ApiPageResponse(OwnerDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  search(@Query() query: OwnerSearchQuery): Promise<Page<OwnerDto>> {
    return this.owners.search(query);
  }

  @Get(':id')
  @Roles(...OWNER_READERS)
  @PersonalDataRead(OWNER_VIEW)
  @ApiOperation({ summary: 'One owner' })
  @ApiOkResponse({ type: OwnerDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<OwnerDto> {
    return this.owners.get(id);
  }

  @Patch(':id')
  @Roles(...OWNER_WRITERS)
  @ApiOperation({ summary: "Change an owner's name, birth date, nationality, address or contact details" })
  @ApiOkResponse({ type: OwnerDto })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.NotFound,
    ErrorCode.StaleVersion,
    ErrorCode.OwnerUnderAge,
  )
  update(
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdateOwnerDto,
    @Ctx() context: RequestContext,
  ): Promise<OwnerDto> {
    return this.updateOwner.execute(id, body, context);
  }

  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @Roles(...OWNER_WRITERS)
  @ApiOperation({ summary: 'Activate, suspend or prohibit an owner, or record their death (final)' })
  @ApiOkResponse({ type: OwnerDto })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.NotFound,
    ErrorCode.StaleVersion,
    ErrorCode.InvalidStatusTransition,
  )
  changeOwnerStatus(
    @Param('id', uuidParam()) id: string,
    @Body() body: ChangeOwnerStatusDto,
    @Ctx() context: RequestContext,
  ): Promise<OwnerDto> {
    return this.changeStatus.execute(id, body, context);
  }
}

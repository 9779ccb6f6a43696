import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { CreateDestructionBatchDto, DestructionBatchDto } from './destruction-batch.dto';
import { RecordDestructionBatchUseCase } from './record-destruction-batch.use-case';
import { DestructionBatchesQuery } from './destruction-batches.query';
import { DESTROYERS, RECOVERY_READERS } from './recovery-kinds';
import { Created } from '../common/location';

@ApiTags('recoveries')
@Controller('destruction-batches')
export class DestructionBatchesController {
  constructor(
    private readonly record: RecordDestructionBatchUseCase,
    private readonly batches: DestructionBatchesQuery,
  ) {}

  @Post()
  @Created('/api/v1/destruction-batches/{id}')
  @Roles(...DESTROYERS)
  @ApiOperation({ summary: 'Destroy a batch of weapons under one acta, all or nothing' })
  @ApiCreatedResponse({ type: DestructionBatchDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.OutOfJurisdiction, ErrorCode.NotDestructible)
  create(@Body() body: CreateDestructionBatchDto, @Ctx() context: RequestContext): Promise<DestructionBatchDto> {
    return this.record.execute(body, context);
  }

  @Get(':id')
  @Roles(...RECOVERY_READERS)
  @ApiOperation({ summary: 'One destruction batch' })
  @ApiOkResponse({ type: DestructionBatchDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<DestructionBatchDto> {
    return this.batches.get(id);
  }
}

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
  @ApiOperation({
    summary: 'Destroy a batch of weapons under one acta, all or nothing',
    description:
      'Officers, supervisors and admins. Destroys every listed weapon under one acta, with method, place, date and at least two witnesses, in one transaction. Every weapon must be `seized` or `in_state_custody` with no trace request still open, else the whole batch is refused with 422 `NOT_DESTRUCTIBLE` naming the weapons. Audited.',
  })
  @ApiCreatedResponse({ type: DestructionBatchDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.OutOfJurisdiction, ErrorCode.NotDestructible)
  create(@Body() body: CreateDestructionBatchDto, @Ctx() context: RequestContext): Promise<DestructionBatchDto> {
    return this.record.execute(body, context);
  }

  @Get(':id')
  @Roles(...RECOVERY_READERS)
  @ApiOperation({
    summary: 'One destruction batch',
    description:
      'Officers, supervisors, police and admins. One destruction batch with its acta, witnesses and weapons. Unknown id: 404.',
  })
  @ApiOkResponse({ type: DestructionBatchDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<DestructionBatchDto> {
    return this.batches.get(id);
  }
}

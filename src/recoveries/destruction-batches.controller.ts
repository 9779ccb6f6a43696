import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { CreateDestructionBatchDto, DestructionBatchDto } from './destruction-batch.dto';
import { RecordDestructionBatchUseCase } from './record-destruction-batch.use-case';
import { DestructionBatchesQuery } from './destruction-batches.query';
import { DESTROYERS, RECOVERY_READERS } from './recovery-kinds';

@ApiTags('recoveries')
@Controller('destruction-batches')
export class DestructionBatchesController {
  constructor(
    private readonly record: RecordDestructionBatchUseCase,
    private readonly batches: DestructionBatchesQuery,
  ) {}

  @Post()
  @Roles(...DESTROYERS)
  @ApiOperation({ summary: 'Destroy a batch of weapons under one acta, all or nothing' })
  @ApiCreatedResponse({ type: DestructionBatchDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.OutOfJurisdiction, ErrorCode.NotDestructible)
  async create(
    @Body() body: CreateDestructionBatchDto,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DestructionBatchDto> {
    const batch = await this.record.execute(body, context);
    void reply.status(201).header('Location', `/api/v1/destruction-batches/${batch.id}`);
    return batch;
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

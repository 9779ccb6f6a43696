import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import type { Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { AcceptedRunDto, FindingDto, FindingsQuery, ReconciliationRunDto, RunsQuery } from './reconciliation.dto';
import { ReconciliationRunsQuery } from './reconciliation-runs.query';
import { RECONCILERS } from './reconciliation.roles';
import { RequestReconciliationUseCase } from './request-reconciliation.use-case';
import { Created } from '../common/location';

@ApiTags('reconciliation')
@Controller('reconciliation/runs')
export class ReconciliationRunsController {
  constructor(
    private readonly request: RequestReconciliationUseCase,
    private readonly runs: ReconciliationRunsQuery,
  ) {}

  @Post()
  @Created('/api/v1/reconciliation/runs/{id}')
  @HttpCode(202)
  @Roles(...RECONCILERS)
  @ApiOperation({
    summary: 'Reconcile the whole registry now; run by the queue (poll GET /reconciliation/runs/:id)',
    description:
      'Auditors and admins. Queues a run of every reconciliation check (holder mismatches, unlicensed or inactive holders, possible duplicates, missing audit entries or ballistics, the audit chain) and answers 202 with `Location` to poll; the same run also happens on the `RECONCILE_CRON` schedule. Takes no body.',
  })
  @ApiAcceptedResponse({ type: AcceptedRunDto })
  start(@Ctx() context: RequestContext): Promise<AcceptedRunDto> {
    return this.request.execute(context);
  }

  @Get()
  @Roles(...RECONCILERS)
  @ApiOperation({
    summary: 'Reconciliation runs, manual and scheduled, newest first',
    description:
      'Auditors and admins. Lists the runs, manual and scheduled, newest first, a page at a time, with status and counts. A malformed cursor: 400.',
  })
  @ApiPageResponse(ReconciliationRunDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: RunsQuery): Promise<Page<ReconciliationRunDto>> {
    return this.runs.list(query);
  }

  @Get(':id')
  @Roles(...RECONCILERS)
  @ApiOperation({
    summary: 'A run: status `queued`, `running`, `completed` (with its counts) or `failed`',
    description:
      'Auditors and admins. One run: its status, when it started and finished, how many records it checked and the number of findings of each kind. Unknown id: 404.',
  })
  @ApiOkResponse({ type: ReconciliationRunDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<ReconciliationRunDto> {
    return this.runs.get(id);
  }

  @Get(':id/findings')
  @Roles(...RECONCILERS)
  @ApiOperation({
    summary: "A run's findings, by kind; none until the run completes",
    description:
      'Auditors and admins. The run\'s findings (kind, weapon, evidence), optionally of one `kind`, a page at a time. Unknown run: 404; an unknown kind or a malformed cursor: 400.',
  })
  @ApiPageResponse(FindingDto)
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  findings(@Param('id', uuidParam()) id: string, @Query() query: FindingsQuery): Promise<Page<FindingDto>> {
    return this.runs.findings(id, query);
  }
}

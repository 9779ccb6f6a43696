import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import { ErrorCode } from '../../common/error-code';
import { ApiProblems } from '../../common/openapi';
import { Ctx, type RequestContext } from '../../common/request-context';
import { uuidParam } from '../../common/validation';
import { AUDIT_READERS, COSIGNERS, WITNESS_REGISTRARS } from '../audit.roles';
import { AuditCosignatureDto } from '../checkpoints/audit-checkpoint.dto';
import { CosignCheckpointUseCase } from './cosign-checkpoint.use-case';
import { RegisterWitnessUseCase } from './register-witness.use-case';
import { WitnessesQuery } from './witnesses.query';
import { CosignCheckpointDto, RegisterWitnessDto, TreeSizeParams, WitnessDto } from './witness.dto';
import { Created } from '../../common/location';

@ApiTags('audit')
@Controller('audit')
export class AuditWitnessesController {
  constructor(
    private readonly registerWitness: RegisterWitnessUseCase,
    private readonly cosignCheckpoint: CosignCheckpointUseCase,
    private readonly witnesses: WitnessesQuery,
  ) {}

  @Get('witnesses')
  @Roles(...AUDIT_READERS)
  @ApiOperation({
    summary: 'The registered witnesses, oldest first: the key names and public keys their cosignature lines are checked with',
    description:
      'Auditors and admins. Every registered witness (name, public key, key id, its user), oldest first.',
  })
  @ApiOkResponse({ type: WitnessDto, isArray: true })
  list(): Promise<WitnessDto[]> {
    return this.witnesses.list();
  }

  @Get('witnesses/:id')
  @Roles(...AUDIT_READERS)
  @ApiOperation({
    summary: 'One registered witness',
    description:
      'Auditors and admins. One registered witness by id. Unknown id: 404.',
  })
  @ApiOkResponse({ type: WitnessDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<WitnessDto> {
    return this.witnesses.get(id);
  }

  @Post('witnesses')
  @Created('/api/v1/audit/witnesses/{id}')
  @Roles(...WITNESS_REGISTRARS)
  @ApiOperation({
    summary: 'Register a witness: its key name, its Ed25519 public key and the witness user who cosigns for it',
    description:
      'Admins only. Registers an outside body (the Ombudsman, a UN agency) as a witness: the key name its cosignature lines use, its Ed25519 public key (PEM or base64 of the raw 32 bytes) and the user with the `witness` role who posts for it. Audited as `witness.registered`. Unknown user: 404; a bad key or name: 400.',
  })
  @ApiCreatedResponse({ type: WitnessDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  register(@Body() body: RegisterWitnessDto, @Ctx() context: RequestContext): Promise<WitnessDto> {
    return this.registerWitness.execute(body, context);
  }

  @Post('checkpoints/:treeSize/cosignatures')
  @Created('/api/v1/audit/checkpoints?from={treeSize}&to={treeSize}')
  @Roles(...COSIGNERS)
  @ApiOperation({
    summary: "Cosign a signed checkpoint: an Ed25519 signature over its note text by the caller's witness key",
    description:
      'Witness users only. Adds the witness\'s cosignature to the checkpoint of `treeSize` entries; it then appears in the checkpoint\'s note. A signature that does not verify with the registered key is 422 `INVALID_SIGNATURE`; a second cosignature of the same checkpoint is 409 `ALREADY_COSIGNED`; no such checkpoint: 404.',
  })
  @ApiCreatedResponse({ type: AuditCosignatureDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.InvalidSignature, ErrorCode.AlreadyCosigned)
  cosign(@Param() params: TreeSizeParams, @Body() body: CosignCheckpointDto, @Ctx() context: RequestContext): Promise<AuditCosignatureDto> {
    return this.cosignCheckpoint.execute(Number(params.treeSize), body.signature, context);
  }
}

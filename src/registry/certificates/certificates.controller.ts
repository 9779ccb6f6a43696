import { Body, Controller, Get, Injectable, Param, type PipeTransform, Post, Query } from '@nestjs/common';
import { msg } from '../../i18n/message';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import { Role } from '../../auth/role.enum';
import { ValidationFailedError } from '../../common/domain-error';
import { ErrorCode } from '../../common/error-code';
import { Created } from '../../common/location';
import { ApiPageResponse, ApiProblems } from '../../common/openapi';
import { type Page, PageQuery } from '../../common/pagination';
import { Ctx, type RequestContext } from '../../common/request-context';
import { uuidParam } from '../../common/validation';
import { PersonalDataRead } from '../../personal-data/personal-data-read.decorator';
import { CERTIFICATE_CHECK } from '../../personal-data/personal-data-reads';
import { CertificateCheckDto, CertificateDto, RenewCertificateDto } from './holding-certificate.dto';
import { CERTIFICATE_NUMBER } from './holding-certificate.types';
import { HoldingCertificatesQuery } from './holding-certificates.query';
import { RenewCertificateUseCase } from './renew-certificate.use-case';

const READERS = [Role.Admin, Role.Officer, Role.Supervisor, Role.Police];
const WRITERS = [Role.Admin, Role.Officer, Role.Supervisor];

/** A route's certificate number: CT-YYYY-NNNNNNN, else 400 naming `number`. */
@Injectable()
export class CertificateNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !CERTIFICATE_NUMBER.test(value) || value.length > 40) {
      throw new ValidationFailedError([{ field: 'number', message: msg('field.notCertificateNumber', 'number') }]);
    }
    return value;
  }
}

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: HoldingCertificatesQuery,
    private readonly renewal: RenewCertificateUseCase,
  ) {}

  @Get('weapons/:id/certificates')
  @Roles(...READERS)
  @ApiOperation({
    summary: "A weapon's holding certificates, newest first",
    description:
      'Every certificado de tenencia the weapon has had: issued at registration, on each transfer and renewal; ' +
      'superseded by the next, revoked when the weapon left its holder for good. A valid certificate past its expiresAt reads as `expired`.',
  })
  @ApiPageResponse(CertificateDto)
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  ofWeapon(@Param('id', uuidParam()) id: string, @Query() query: PageQuery): Promise<Page<CertificateDto>> {
    return this.certificates.ofWeapon(id, query);
  }

  @Get('certificates/:number')
  @Roles(...READERS)
  @PersonalDataRead(CERTIFICATE_CHECK)
  @ApiOperation({
    summary: 'A holding certificate by its number, for a check in the field',
    description:
      "The certificate with the weapon's marking (make, model, type, calibre, serial) and the holder's name. The holder's name is " +
      'personal data: police give X-Access-Purpose, and each read is audited as owner.viewed.',
  })
  @ApiParam({ name: 'number', example: 'CT-2026-0000123' })
  @ApiOkResponse({ type: CertificateCheckDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  byNumber(@Param('number', CertificateNumberPipe) number: string): Promise<CertificateCheckDto> {
    return this.certificates.byNumber(number);
  }

  @Post('certificates/:id/renew')
  @Created('/api/v1/certificates/{number}')
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Renew a holding certificate',
    description:
      'Issues a new certificate (new number, valid CERTIFICATE_VALIDITY_YEARS from today) that supersedes this one, in one transaction, audited. ' +
      "The certificate must be the weapon's current one (valid or expired), the weapon active with its holder, and the holder active and " +
      "licensed for the weapon's type today. Officers and supervisors: within the holder's district.",
  })
  @ApiCreatedResponse({ type: CertificateDto, description: 'The new certificate; Location names it' })
  @ApiProblems(
    ErrorCode.ValidationFailed,
    ErrorCode.NotFound,
    ErrorCode.OutOfJurisdiction,
    ErrorCode.StaleVersion,
    ErrorCode.CertificateNotRenewable,
    ErrorCode.OwnerInactive,
    ErrorCode.HolderNotLicensed,
  )
  renew(@Param('id', uuidParam()) id: string, @Body() body: RenewCertificateDto, @Ctx() context: RequestContext): Promise<CertificateDto> {
    return this.renewal.execute(id, body, context);
  }
}

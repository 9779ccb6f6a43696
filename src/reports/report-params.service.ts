import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { isCalendarDay } from '../common/dates';
import { type FieldError, ValidationFailedError } from '../common/domain-error';
import { fieldErrorsOf } from '../common/field-messages';
import { DistrictsService } from '../reference/districts.service';
import { HoldingCertificatesQuery } from '../registry/certificates/holding-certificates.query';
import { HoldingCertificateParamsDto } from './holding-certificate.report';
import { ReportKind } from './report-kinds';
import { DestructionCertificateParamsDto, IafqParamsDto, SdgReportParamsDto } from './recovery-reports';
import {
  DistrictSummaryParamsDto,
  StolenWeaponsParamsDto,
  SubjectAccessParamsDto,
  TraceRequestsParamsDto,
  WeaponTraceParamsDto,
} from './report-params.dto';

const PARAMS_CLASSES: Record<ReportKind, new () => object> = {
  [ReportKind.WeaponTrace]: WeaponTraceParamsDto,
  [ReportKind.StolenWeapons]: StolenWeaponsParamsDto,
  [ReportKind.DistrictSummary]: DistrictSummaryParamsDto,
  [ReportKind.TraceRequests]: TraceRequestsParamsDto,
  [ReportKind.SubjectAccess]: SubjectAccessParamsDto,
  [ReportKind.DestructionCertificate]: DestructionCertificateParamsDto,
  [ReportKind.Sdg16_4_2]: SdgReportParamsDto,
  [ReportKind.Iafq]: IafqParamsDto,
  [ReportKind.HoldingCertificate]: HoldingCertificateParamsDto,
};


/**
 * The params of a report request, checked against its kind as the global pipe checks a body:
 * unknown params refused, one error per bad field (named `params.<name>`), then the checks
 * that need the registry (the weapon and the district exist, periods run forwards).
 */
@Injectable()
export class ReportParamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly districts: DistrictsService,
    private readonly certificates: HoldingCertificatesQuery,
  ) {}

  /** The params as they are stored on the report. */
  async check(kind: ReportKind, raw: Record<string, unknown>): Promise<Record<string, unknown>> {
    const params = plainToInstance(PARAMS_CLASSES[kind], raw) as Record<string, unknown>;
    const shapeErrors = await validate(params, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: true, value: true },
    });
    const errors = fieldErrorsOf(shapeErrors, 'params');
    const checked = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    // Fields the shape check refused are not checked further: one error per field.
    const refused = new Set(errors.map((error) => error.field.slice('params.'.length)));
    for (const name of refused) delete checked[name];
    if (kind === ReportKind.SubjectAccess) {
      if (errors.length > 0) throw new ValidationFailedError(errors);
      return checked;
    }
    if (kind === ReportKind.HoldingCertificate) {
      if (errors.length > 0) throw new ValidationFailedError(errors);
      return this.certificate(checked);
    }
    if (kind === ReportKind.WeaponTrace) {
      if (errors.length > 0) throw new ValidationFailedError(errors);
      return this.weapon(checked);
    }
    this.period(checked, kind === ReportKind.TraceRequests || kind === ReportKind.Sdg16_4_2 ? ['from', 'to'] : ['since', 'until'], errors);
    const district = checked.district;
    if (typeof district === 'string' && (await this.districts.unknownCodes([district])).length > 0) {
      errors.push({ field: 'params.district', message: msg('field.unknownDistrict', 'params.district', String(district)) });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return checked;
  }

  /** As for a weapon: an unknown certificate is a bad param (400); its number is kept for the file name. */
  private async certificate(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const document = await this.certificates.documentById(String(params.certificateId));
    if (!document) {
      throw new ValidationFailedError([{ field: 'params.certificateId', message: msg('field.noSuchCertificate', 'params.certificateId', String(params.certificateId)) }]);
    }
    return { certificateId: document.id, number: document.number };
  }

  private period(params: Record<string, unknown>, [start, end]: [string, string], errors: FieldError[]): void {
    const valid = [start, end].filter((name) => {
      const value = params[name];
      if (typeof value !== 'string') return false;
      if (isCalendarDay(value)) return true;
      errors.push({ field: `params.${name}`, message: msg('field.notCalendarDay', `params.${name}`) });
      return false;
    });
    if (valid.length === 2 && (params[start] as string) > (params[end] as string)) {
      errors.push({ field: `params.${end}`, message: msg('field.before', `params.${end}`, start) });
    }
  }

  /**
   * A weapon that does not exist is a bad param (400 VALIDATION_FAILED), not 404: the
   * resource addressed, /reports, exists; what is wrong is a value in the body, as with an
   * unknown district code. Both the id and the registry number are kept, so the report and
   * its file name say which weapon it traces.
   */
  private async weapon(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { weaponId, registryNumber } = params as { weaponId?: string; registryNumber?: string };
    if ((weaponId === undefined) === (registryNumber === undefined)) {
      throw new ValidationFailedError([{ field: 'params.weaponId', message: msg('field.weaponOrRegistryNumber', 'params.weaponId') }]);
    }
    const [weapon] = (await this.dataSource.query(
      weaponId !== undefined
        ? 'SELECT id, registry_number FROM weapons WHERE id = $1'
        : 'SELECT id, registry_number FROM weapons WHERE registry_number = $1',
      [weaponId ?? registryNumber],
    )) as Array<{ id: string; registry_number: string }>;
    if (!weapon) {
      const field = weaponId !== undefined ? 'params.weaponId' : 'params.registryNumber';
      throw new ValidationFailedError([{ field, message: msg('field.noSuchWeapon', field, String(weaponId ?? registryNumber)) }]);
    }
    return { weaponId: weapon.id, registryNumber: weapon.registry_number };
  }
}

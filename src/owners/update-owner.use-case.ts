import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { NotFoundError, StaleVersionError, ValidationFailedError } from '../common/domain-error';
import { type RequestContext } from '../common/request-context';
import { DistrictsService } from '../reference/districts.service';
import { moveHeldWeapons } from '../registry/weapon-districts.sql';
import { ADULT_AGE, isAdultOn, todayInPanama } from './calendar';
import { foldForSearch } from './name-search';
import { type OwnerDto, type UpdateOwnerDto } from './owner.dto';
import { OwnerEntity } from './owner.entity';
import { toOwnerAuditView, toOwnerDto } from './owner.mapper';
import { OwnerUnderAgeError, UnknownDistrictError } from './owners.errors';

type EditableFields = Pick<
  OwnerEntity,
  'name' | 'nameSearch' | 'birthDate' | 'nationality' | 'district' | 'addressLine' | 'phone' | 'email'
>;

@Injectable()
export class UpdateOwnerUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly districts: DistrictsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * A move to another district needs jurisdiction over both the old and the new one; the
   * weapons the owner holds move with them, in this transaction.
   */
  async execute(id: string, input: UpdateOwnerDto, context: RequestContext): Promise<OwnerDto> {
    if (input.address && (await this.districts.unknownCodes([input.address.district])).length > 0) {
      throw new UnknownDistrictError('address.district', input.address.district);
    }
    return this.dataSource.transaction(async (manager) => {
      const owner = await manager.findOne(OwnerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!owner) throw new NotFoundError('owner', id);
      assertInJurisdiction(context.principal, owner.district);
      if (input.address) assertInJurisdiction(context.principal, input.address.district);
      if (owner.version !== input.version) throw new StaleVersionError(owner.version);
      if (input.birthDate !== undefined) {
        if (owner.type !== 'person') {
          throw new ValidationFailedError([{ field: 'birthDate', message: msg('field.birthDateOnlyForPerson', 'birthDate') }]);
        }
        const today = todayInPanama();
        if (!isAdultOn(input.birthDate, today)) throw new OwnerUnderAgeError(input.birthDate, today, ADULT_AGE);
      }

      const name = input.name ?? owner.name;
      const next: EditableFields = {
        name,
        nameSearch: foldForSearch(name),
        birthDate: input.birthDate ?? owner.birthDate,
        nationality: input.nationality === undefined ? owner.nationality : input.nationality,
        district: input.address?.district ?? owner.district,
        addressLine: input.address?.line ?? owner.addressLine,
        phone: input.phone === undefined ? owner.phone : input.phone,
        email: input.email === undefined ? owner.email : input.email,
      };
      const changed = (Object.keys(next) as Array<keyof EditableFields>).some((field) => next[field] !== owner[field]);
      if (!changed) return toOwnerDto(owner);

      const before = toOwnerAuditView(owner);
      Object.assign(owner, next, { version: owner.version + 1 });
      const saved = await manager.save(owner);
      const moved = before.address.district === saved.district ? [] : await moveHeldWeapons(manager, id, saved.district);
      await this.audit.appendMany(manager, actorOf(context), [
        { action: 'owner.updated', entityType: 'owner', entityId: id, before, after: toOwnerAuditView(saved) },
        ...moved,
      ]);
      return toOwnerDto(saved);
    });
  }
}

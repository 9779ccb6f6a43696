import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { NotFoundError, StaleVersionError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import { toWeaponDto } from './registry.mapper';
import type { WeaponDto } from './weapon.dto';
import type { UpdateWeaponDto } from './register-weapon.dto';
import { WeaponEntity } from './weapon.entity';

/** Corrects descriptive fields only; identifying fields go through corrections. */
@Injectable()
export class UpdateWeaponUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(id: string, input: UpdateWeaponDto, context: RequestContext): Promise<WeaponDto> {
    return this.dataSource.transaction(async (manager) => {
      const weapon = await manager.findOne(WeaponEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!weapon) throw new NotFoundError('weapon', id);
      assertInJurisdiction(context.principal, weapon.district);
      if (weapon.version !== input.version) throw new StaleVersionError(weapon.version);
      const before = toWeaponDto(weapon);
      if (input.model !== undefined) weapon.model = input.model;
      if (input.otherMarkings !== undefined) weapon.otherMarkings = input.otherMarkings;
      if (input.yearOfManufacture !== undefined) weapon.yearOfManufacture = input.yearOfManufacture;
      if (input.importMarking !== undefined) weapon.importMarking = { ...input.importMarking };
      if (input.ballistics !== undefined) weapon.ballistics = { ...input.ballistics };
      weapon.version += 1;
      weapon.updatedAt = new Date();
      await manager.save(weapon);
      const after = toWeaponDto(weapon);
      await this.audit.append(manager, actorOf(context), {
        action: 'weapon.updated',
        entityType: 'weapon',
        entityId: id,
        before,
        after: { ...after, reason: input.reason },
      });
      return after;
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthSessions } from '../auth/auth-sessions.service';
import { NotFoundError, StaleVersionError } from '../common/domain-error';
import { DistrictsService } from '../reference/districts.service';
import { UpdateUserDto, UserDto } from './user.dto';
import { UserEntity } from './user.entity';
import { toUserDto } from './user.mapper';
import { UnknownDistrictsError } from './users.errors';

function sameSet(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((item) => b.includes(item));
}

@Injectable()
export class UpdateUserUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly districts: DistrictsService,
    private readonly audit: AuditService,
    private readonly sessions: AuthSessions,
  ) {}

  /**
   * Any change of roles, jurisdiction or the disabled flag bumps the token version, so the
   * user's existing access tokens stop working on their next request.
   */
  async execute(id: string, input: UpdateUserDto, actor: AuditActor): Promise<UserDto> {
    if (input.jurisdiction) {
      const unknown = await this.districts.unknownCodes(input.jurisdiction);
      if (unknown.length > 0) throw new UnknownDistrictsError(unknown);
    }
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('user', id);
      if (user.version !== input.version) throw new StaleVersionError(user.version);
      const before = toUserDto(user);
      const roles = input.roles ? [...new Set(input.roles)] : user.roles;
      const jurisdiction = input.jurisdiction === undefined ? user.jurisdiction : input.jurisdiction;
      const disabled = input.disabled ?? user.disabled;
      const changed =
        !sameSet(roles, user.roles) || !sameSet(jurisdiction, user.jurisdiction) || disabled !== user.disabled;
      if (!changed) return before;
      const disabling = disabled && !user.disabled;
      Object.assign(user, {
        roles,
        jurisdiction,
        disabled,
        tokenVersion: user.tokenVersion + 1,
        version: user.version + 1,
      });
      const saved = await manager.save(user);
      // Disabling ends every login for good: enabling the user again revives none of its
      // refresh tokens (the token version alone would let them work again).
      if (disabling) await this.sessions.revokeAllOf(manager, id, 'user_disabled');
      const after = toUserDto(saved);
      await this.audit.append(manager, actor, {
        action: disabling ? 'user.disabled' : 'user.updated',
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }
}

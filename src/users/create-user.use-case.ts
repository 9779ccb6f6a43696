import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { describeWeakness, passwordWeakness } from '../auth/password-policy';
import { PasswordHasher } from '../auth/password-hasher.service';
import { DistrictsService } from '../reference/districts.service';
import { CreateUserDto, UserDto } from './user.dto';
import { UserEntity } from './user.entity';
import { toUserDto } from './user.mapper';
import { isUsernameConflict, UnknownDistrictsError, UsernameTakenError, WeakPasswordError } from './users.errors';

@Injectable()
export class CreateUserUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly districts: DistrictsService,
    private readonly audit: AuditService,
  ) {}

  async execute(input: CreateUserDto, actor: AuditActor): Promise<UserDto> {
    const username = input.username.toLowerCase();
    const weakness = passwordWeakness(input.password, username);
    if (weakness) throw new WeakPasswordError(describeWeakness(weakness));
    const jurisdiction = input.jurisdiction ?? null;
    const unknown = await this.districts.unknownCodes(jurisdiction ?? []);
    if (unknown.length > 0) throw new UnknownDistrictsError(unknown);
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const user = await manager.save(
          manager.create(UserEntity, {
            username,
            passwordHash,
            fullName: input.fullName,
            roles: [...new Set(input.roles)],
            jurisdiction,
          }),
        );
        const view = toUserDto(user);
        await this.audit.append(manager, actor, {
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          before: null,
          after: view,
        });
        return view;
      });
    } catch (error) {
      if (isUsernameConflict(error)) throw new UsernameTakenError(username);
      throw error;
    }
  }
}

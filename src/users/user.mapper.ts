import { type UserDto } from './user.dto';
import { type UserEntity } from './user.entity';

/** The only shape of a user that leaves the service: never the password hash or token version. */
export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    roles: [...user.roles],
    jurisdiction: user.jurisdiction ? [...user.jurisdiction] : null,
    disabled: user.disabled,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

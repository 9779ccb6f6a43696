import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, PageQuery, toPage } from '../common/pagination';
import { UserDto } from './user.dto';
import { UserEntity } from './user.entity';
import { toUserDto } from './user.mapper';

const isUsernameKey = (value: unknown): value is string => typeof value === 'string' && value.length <= 64;

@Injectable()
export class UsersQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<UserDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw new NotFoundError('user', id);
    return toUserDto(user);
  }

  /** Ordered by username; the cursor is the last username seen (served by uq_users_username). */
  async list(query: PageQuery): Promise<Page<UserDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isUsernameKey);
    const rows = await this.dataSource.getRepository(UserEntity).find({
      where: after === undefined ? {} : { username: MoreThan(after) },
      order: { username: 'ASC' },
      take: limit + 1,
    });
    return toPage(rows, limit, toUserDto, (row) => row.username);
  }
}

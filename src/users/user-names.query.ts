import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserEntity } from './user.entity';

/** Users' names for documents that name a person (a report's requester), without the users' API. */
@Injectable()
export class UserNames {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The user's full name as it stands now; null when there is no such user. */
  async fullName(id: string): Promise<string | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id }, select: { id: true, fullName: true } });
    return user?.fullName ?? null;
  }
}

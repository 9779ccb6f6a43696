import { Module } from '@nestjs/common';
import { UserNames } from './user-names.query';

/**
 * Users' names, apart from the users' API: the report builder runs in the workers, which load
 * neither authentication nor the users' controllers.
 */
@Module({
  providers: [UserNames],
  exports: [UserNames],
})
export class UserNamesModule {}

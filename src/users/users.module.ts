import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ReferenceModule } from '../reference/reference.module';
import { CreateUserUseCase } from './create-user.use-case';
import { UpdateUserUseCase } from './update-user.use-case';
import { UsersController } from './users.controller';
import { UsersQuery } from './users.query';

@Module({
  imports: [AuthModule, ReferenceModule],
  controllers: [UsersController],
  providers: [CreateUserUseCase, UpdateUserUseCase, UsersQuery],
  exports: [CreateUserUseCase, UsersQuery],
})
export class UsersModule {}

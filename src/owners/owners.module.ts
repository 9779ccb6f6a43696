import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { ChangeOwnerStatusUseCase } from './change-owner-status.use-case';
import { CreateOwnerUseCase } from './create-owner.use-case';
import { HolderChecks } from './holder-checks.service';
import { HolderStandingQuery } from './holder-standing.query';
import { IssueLicenceUseCase } from './issue-licence.use-case';
import { LicencesController } from './licences.controller';
import { OwnersController } from './owners.controller';
import { OwnersQuery } from './owners.query';
import { RevokeLicenceUseCase } from './revoke-licence.use-case';
import { UpdateOwnerUseCase } from './update-owner.use-case';

/** Owners and their licences; other modules see holders only through HolderChecks and HolderStandingQuery. */
@Module({
  imports: [ReferenceModule],
  controllers: [OwnersController, LicencesController],
  providers: [
    CreateOwnerUseCase,
    UpdateOwnerUseCase,
    ChangeOwnerStatusUseCase,
    IssueLicenceUseCase,
    RevokeLicenceUseCase,
    OwnersQuery,
    HolderChecks,
    HolderStandingQuery,
  ],
  exports: [HolderChecks, HolderStandingQuery, OwnersQuery],
})
export class OwnersModule {}

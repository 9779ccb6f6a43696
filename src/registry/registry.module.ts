import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency.service';
import { OwnersModule } from '../owners/owners.module';
import { ReferenceModule } from '../reference/reference.module';
import { AlertsModule } from '../trace/alerts.module';
import { ApproveCorrectionUseCase } from './approve-correction.use-case';
import { CorrectionsController } from './corrections.controller';
import { MarkingsService } from './markings.service';
import { ProposeCorrectionUseCase } from './propose-correction.use-case';
import { RecoveredWeapons } from './recovered-weapons.service';
import { RecordWeaponEventUseCase } from './record-weapon-event.use-case';
import { RegisterWeaponUseCase } from './register-weapon.use-case';
import { RejectCorrectionUseCase } from './reject-correction.use-case';
import { UpdateWeaponUseCase } from './update-weapon.use-case';
import { HolderWeaponsController, WeaponsController } from './weapons.controller';
import { WeaponCustody } from './weapon-custody.service';
import { WeaponRegistrations } from './weapon-registrations.service';
import { WeaponsQuery } from './weapons.query';

/** Weapons, their events and corrections: the national record itself. */
@Module({
  imports: [OwnersModule, ReferenceModule, AlertsModule],
  controllers: [WeaponsController, HolderWeaponsController, CorrectionsController],
  providers: [
    IdempotencyService,
    MarkingsService,
    RegisterWeaponUseCase,
    UpdateWeaponUseCase,
    RecordWeaponEventUseCase,
    ProposeCorrectionUseCase,
    ApproveCorrectionUseCase,
    RejectCorrectionUseCase,
    WeaponsQuery,
    WeaponCustody,
    WeaponRegistrations,
    RecoveredWeapons,
  ],
  exports: [MarkingsService, WeaponsQuery, IdempotencyService, WeaponCustody, WeaponRegistrations, RecoveredWeapons],
})
export class RegistryModule {}

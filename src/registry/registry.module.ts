import { MissingWeaponChanges } from './interpol-stolen.query';
import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { OwnersModule } from '../owners/owners.module';
import { ReferenceModule } from '../reference/reference.module';
import { AlertsModule } from '../alerts/alerts.module';
import { ApproveCorrectionUseCase } from './approve-correction.use-case';
import { CertificatesController } from './certificates/certificates.controller';
import { HoldingCertificates } from './certificates/holding-certificates.service';
import { HoldingCertificatesQuery } from './certificates/holding-certificates.query';
import { RenewCertificateUseCase } from './certificates/renew-certificate.use-case';
import { CorrectionsController } from './corrections.controller';
import { MarkingsService } from './markings.service';
import { ProposeCorrectionUseCase } from './propose-correction.use-case';
import { DestroyedWeapons } from './destroyed-weapons.service';
import { RecoveredWeapons } from './recovered-weapons.service';
import { RecordWeaponEventUseCase } from './record-weapon-event.use-case';
import { RegisterWeaponUseCase } from './register-weapon.use-case';
import { RegistrationBatch } from './registration-batch.service';
import { RejectCorrectionUseCase } from './reject-correction.use-case';
import { UpdateWeaponUseCase } from './update-weapon.use-case';
import { HolderWeaponsController, WeaponsController } from './weapons.controller';
import { WeaponCustody } from './weapon-custody.service';
import { WeaponHistoryQuery } from './weapon-history.query';
import { WeaponRegistrations } from './weapon-registrations.service';
import { WeaponsQuery } from './weapons.query';

/**
 * Weapons, their events and corrections: the national record itself. Holding certificates
 * (src/registry/certificates/) are part of it: each is issued, superseded or revoked by the
 * very change of custody that WeaponCustody, WeaponRegistrations and the weapon events make,
 * in their transaction; as a module of their own they would need the registry (to follow
 * those changes) and the registry would need them (to issue) — a cycle.
 */
@Module({
  imports: [OwnersModule, ReferenceModule, AlertsModule, IdempotencyModule],
  controllers: [WeaponsController, HolderWeaponsController, CorrectionsController, CertificatesController],
  providers: [
    MarkingsService,
    RegisterWeaponUseCase,
    UpdateWeaponUseCase,
    RecordWeaponEventUseCase,
    ProposeCorrectionUseCase,
    ApproveCorrectionUseCase,
    RejectCorrectionUseCase,
    WeaponsQuery,
    WeaponHistoryQuery,
    WeaponCustody,
    WeaponRegistrations,
    RegistrationBatch,
    RecoveredWeapons,
    DestroyedWeapons,
    MissingWeaponChanges,
    HoldingCertificates,
    HoldingCertificatesQuery,
    RenewCertificateUseCase,
  ],
  // IdempotencyModule is passed on for imports, which take it from here.
  exports: [
    MarkingsService,
    WeaponsQuery,
    WeaponHistoryQuery,
    IdempotencyModule,
    WeaponCustody,
    WeaponRegistrations,
    RegistrationBatch,
    RecoveredWeapons,
    DestroyedWeapons,
    MissingWeaponChanges,
    HoldingCertificatesQuery,
  ],
})
export class RegistryModule {}

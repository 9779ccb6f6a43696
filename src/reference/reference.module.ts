import { Module } from '@nestjs/common';
import { CatalogueService } from './catalogue.service';
import { DistrictsService } from './districts.service';
import { ReferenceController } from './reference.controller';

@Module({
  controllers: [ReferenceController],
  providers: [DistrictsService, CatalogueService],
  exports: [DistrictsService, CatalogueService],
})
export class ReferenceModule {}

import { Module } from '@nestjs/common';
import { DistrictsService } from './districts.service';
import { ReferenceController } from './reference.controller';

@Module({
  controllers: [ReferenceController],
  providers: [DistrictsService],
  exports: [DistrictsService],
})
export class ReferenceModule {}

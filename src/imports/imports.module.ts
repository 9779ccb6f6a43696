import { Module } from '@nestjs/common';

/** Imports of legacy weapon records from CSV files, validated row by row and landed in batches. */
@Module({})
export class ImportsModule {}

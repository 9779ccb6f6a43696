import { Module } from '@nestjs/common';

/** Reports for the ministry (PDF, CSV, JSON), built by the queue and stored with their SHA-256. */
@Module({})
export class ReportsModule {}

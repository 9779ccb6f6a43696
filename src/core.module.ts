import { Module } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import {
  appConfig,
  auditConfig,
  authConfig,
  certificatesConfig,
  databaseConfig,
  importsConfig,
  itiConfig,
  notificationsConfig,
  reconciliationConfig,
  redisConfig,
  validateEnvironment,
} from './config';
import { KeysModule } from './config/keys.module';
import { dataSourceOptions } from './database/data-source-options';
import { RedisModule } from './redis/redis.module';

/** What the API, the worker and the command-line steps all need: config, database, Redis, keys, audit. */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      cache: true,
      load: [
        appConfig,
        databaseConfig,
        redisConfig,
        authConfig,
        auditConfig,
        importsConfig,
        reconciliationConfig,
        itiConfig,
        notificationsConfig,
        certificatesConfig,
      ],
      validate: validateEnvironment,
    }),
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => dataSourceOptions(config),
    }),
    KeysModule,
    RedisModule,
    AuditModule,
  ],
})
export class CoreModule {}

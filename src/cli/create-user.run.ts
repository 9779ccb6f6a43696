import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { ALL_ROLES, Role } from '../auth/role.enum';
import { DomainError } from '../common/domain-error';
import { render } from '../i18n/message';
import { ConfigurationError, validateEnvironment } from '../config';
import { parseDatabaseConfig } from '../config/database.config';
import { CoreModule } from '../core.module';
import { DatabaseMissingError, describeDatabase, prepareDatabase } from '../database/prepare-database';
import { CreateUserUseCase } from '../users/create-user.use-case';
import { UsersModule } from '../users/users.module';

@Module({ imports: [CoreModule, UsersModule] })
class CreateUserCliModule {}

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter(Boolean);
}

/** Asks for the password without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    output._writeToOutput = (text: string) => {
      if (text.startsWith(question)) process.stdout.write(question);
    };
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.NEW_USER_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error('NEW_USER_PASSWORD is not set and there is no terminal to ask on');
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Repeat password: ');
  if (first !== second) throw new Error('the passwords differ');
  return first;
}

/** The options create-user.ts parsed (it answers --help and usage errors before this file loads). */
export interface CreateUserOptions {
  username: string;
  roles: string;
  jurisdiction?: string;
  'full-name'?: string;
}

async function main(values: CreateUserOptions): Promise<void> {
  const roles = list(values.roles) ?? [];
  const unknownRoles = roles.filter((role) => !ALL_ROLES.includes(role as Role));
  if (roles.length === 0 || unknownRoles.length > 0) {
    throw new Error(`unknown roles: ${unknownRoles.join(', ') || '(none given)'}; known: ${ALL_ROLES.join(', ')}`);
  }
  validateEnvironment(process.env);
  const password = await readPassword();
  // The owner connection prepares the database and is closed; the user and its audit entry are
  // written through the work role, as the API writes them (it may insert both, nothing more).
  // It never creates the database: a mistyped DATABASE_URL must not get an admin of its own.
  const databaseConfig = parseDatabaseConfig(process.env);
  await prepareDatabase(databaseConfig, { createDatabase: false });
  const app = await NestFactory.createApplicationContext(CreateUserCliModule, { logger: ['error', 'warn'] });
  try {
    const user = await app.get(CreateUserUseCase).execute(
      {
        username: values.username,
        password,
        fullName: values['full-name'] ?? values.username,
        roles: roles as Role[],
        jurisdiction: list(values.jurisdiction) ?? null,
      },
      { actorId: null, actorUsername: `cli:${userInfo().username}`, requestId: null, clientIp: null },
    );
    process.stdout.write(
      `created user ${user.username} (${user.id}) with roles ${user.roles.join(', ')} in database ${describeDatabase(databaseConfig.ownerUrl)}\n`,
    );
  } finally {
    await app.close();
  }
}

/** Creates the user, prints what it did, and exits 1 naming the problem when it cannot. */
export function runCreateUser(values: CreateUserOptions): Promise<void> {
  return main(values).catch((error: unknown) => {
    if (error instanceof DatabaseMissingError) {
      process.stderr.write(
        `create-user: ${describeDatabase(parseDatabaseConfig(process.env).ownerUrl)}: ${error.message}; nothing was created. ` +
          'Check DATABASE_URL, or start the service once (npm start) with it, which creates and migrates the database.\n',
      );
    } else if (error instanceof DomainError) {
      // The command line speaks English, as its usage text does.
      const fields = error.options.errors?.map((entry) => `\n  ${entry.field}: ${render(entry.message, 'en')}`).join('') ?? '';
      process.stderr.write(`create-user: ${error.code}: ${error.message}${fields}\n`);
    } else if (error instanceof ConfigurationError || error instanceof Error) {
      process.stderr.write(`create-user: ${error.message}\n`);
    } else {
      process.stderr.write(`create-user: ${String(error)}\n`);
    }
    process.exit(1);
  });
}

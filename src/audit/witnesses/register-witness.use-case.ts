import { msg } from '../../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { Role } from '../../auth/role.enum';
import { ValidationFailedError } from '../../common/domain-error';
import { type RequestContext } from '../../common/request-context';
import { UsersQuery } from '../../users/users.query';
import { actorOf, AuditService } from '../log/audit.service';
import { noteKeyHash, parseEd25519PublicKey, rawEd25519PublicKey } from '../checkpoints/signed-note';
import { type RegisterWitnessDto, type WitnessDto } from './witness.dto';

export interface WitnessRow {
  id: string;
  name: string;
  public_key: Buffer;
  user_id: string;
  created_at: Date;
}

const UNIQUE_FIELDS: Record<string, keyof RegisterWitnessDto> = { uq_audit_witnesses_name: 'name', uq_audit_witnesses_user: 'userId' };

/** An outside body whose key may cosign checkpoints, posting through one user holding the witness role. */
@Injectable()
export class RegisterWitnessUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersQuery,
  ) {}

  async execute(input: RegisterWitnessDto, context: RequestContext): Promise<WitnessDto> {
    const key = parseEd25519PublicKey(input.publicKey);
    if (!key) throw new ValidationFailedError([{ field: 'publicKey', message: msg('field.notEd25519Key', 'publicKey') }]);
    const user = await this.users.get(input.userId);
    if (!user.roles.includes(Role.Witness)) {
      throw new ValidationFailedError([{ field: 'userId', message: msg('field.notWitnessUser', 'userId') }]);
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [row] = (await manager.query(
          `INSERT INTO audit_witnesses (name, public_key, user_id) VALUES ($1, $2, $3)
           RETURNING id, name, public_key, user_id, created_at`,
          [input.name, rawEd25519PublicKey(key), input.userId],
        )) as WitnessRow[];
        const witness = toWitnessDto(row);
        await this.audit.append(manager, actorOf(context), {
          action: 'witness.registered',
          entityType: 'witness',
          entityId: witness.id,
          before: null,
          after: witness,
        });
        return witness;
      });
    } catch (error) {
      const constraint = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (error instanceof QueryFailedError && constraint?.code === '23505' && constraint.constraint && UNIQUE_FIELDS[constraint.constraint]) {
        const field = UNIQUE_FIELDS[constraint.constraint];
        throw new ValidationFailedError([{ field, message: msg('field.witnessTaken', field) }]);
      }
      throw error;
    }
  }
}

export function toWitnessDto(row: WitnessRow): WitnessDto {
  const key = parseEd25519PublicKey(row.public_key.toString('base64'));
  if (!key) throw new Error(`witness ${row.id} has a malformed key`);
  return {
    id: row.id,
    name: row.name,
    publicKey: key.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: noteKeyHash(row.name, key).toString('hex'),
    userId: row.user_id,
    createdAt: row.created_at.toISOString(),
  };
}

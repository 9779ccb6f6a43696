import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/domain-error';
import { toWitnessDto, type WitnessRow } from './register-witness.use-case';
import { type WitnessDto } from './witness.dto';

const WITNESS_COLUMNS = 'id, name, public_key, user_id, created_at';

/** The registered witnesses: their key names and public keys are public, as their cosignature lines are. */
@Injectable()
export class WitnessesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every witness, oldest first: a handful of outside bodies, never a long list. */
  async list(): Promise<WitnessDto[]> {
    const rows = (await this.dataSource.query(`SELECT ${WITNESS_COLUMNS} FROM audit_witnesses ORDER BY created_at, id`)) as WitnessRow[];
    return rows.map(toWitnessDto);
  }

  async get(id: string): Promise<WitnessDto> {
    const [row] = (await this.dataSource.query(`SELECT ${WITNESS_COLUMNS} FROM audit_witnesses WHERE id = $1`, [id])) as WitnessRow[];
    if (!row) throw new NotFoundError('witness', id);
    return toWitnessDto(row);
  }
}

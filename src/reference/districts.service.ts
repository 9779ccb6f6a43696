import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { DistrictEntity } from './district.entity';

export interface DistrictView {
  code: string;
  name: string;
  province: string;
}

@Injectable()
export class DistrictsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<DistrictView[]> {
    const rows = await this.dataSource.getRepository(DistrictEntity).find({
      relations: { province: true },
      order: { provinceCode: 'ASC', code: 'ASC' },
    });
    return rows.map((row) => ({ code: row.code, name: row.name, province: row.province?.name ?? '' }));
  }

  /** The codes among `codes` that name no district. */
  async unknownCodes(codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const found = await this.dataSource.getRepository(DistrictEntity).findBy({ code: In([...codes]) });
    const known = new Set(found.map((row) => row.code));
    return codes.filter((code) => !known.has(code));
  }
}

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
    // Codes are `<province>-<district>`: order by both numbers, so `2-01` comes before `10-01`.
    return this.dataSource.query<DistrictView[]>(
      `SELECT d.code, d.name, coalesce(p.name, '') AS province
         FROM districts d
         LEFT JOIN provinces p ON p.code = d.province_code
        ORDER BY substring(d.code from '^(\\d+)-')::int, substring(d.code from '-(\\d+)$')::int, d.code`,
    );
  }

  /** The codes among `codes` that name no district. */
  async unknownCodes(codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const found = await this.dataSource.getRepository(DistrictEntity).findBy({ code: In([...codes]) });
    const known = new Set(found.map((row) => row.code));
    return codes.filter((code) => !known.has(code));
  }
}

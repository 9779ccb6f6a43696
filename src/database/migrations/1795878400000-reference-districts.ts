// Political-administrative division of Panama as of 2026 (INEC numbering, new districts appended).
import { type MigrationInterface, type QueryRunner } from 'typeorm';

type ProvinceRow = readonly [code: string, name: string, kind: 'province' | 'comarca'];
type DistrictRow = readonly [code: string, name: string];

const PROVINCES: readonly ProvinceRow[] = [
  ['1', 'Bocas del Toro', 'province'],
  ['2', 'Coclé', 'province'],
  ['3', 'Colón', 'province'],
  ['4', 'Chiriquí', 'province'],
  ['5', 'Darién', 'province'],
  ['6', 'Herrera', 'province'],
  ['7', 'Los Santos', 'province'],
  ['8', 'Panamá', 'province'],
  ['9', 'Veraguas', 'province'],
  ['10', 'Guna Yala', 'comarca'],
  ['11', 'Emberá-Wounaan', 'comarca'],
  ['12', 'Ngäbe-Buglé', 'comarca'],
  ['13', 'Panamá Oeste', 'province'],
  ['14', 'Naso Tjër Di', 'comarca'],
];

const DISTRICTS: readonly DistrictRow[] = [
  ['1-01', 'Bocas del Toro'],
  ['1-02', 'Changuinola'],
  ['1-03', 'Chiriquí Grande'],
  ['1-04', 'Almirante'],

  ['2-01', 'Aguadulce'],
  ['2-02', 'Antón'],
  ['2-03', 'La Pintada'],
  ['2-04', 'Natá'],
  ['2-05', 'Olá'],
  ['2-06', 'Penonomé'],

  ['3-01', 'Colón'],
  ['3-02', 'Chagres'],
  ['3-03', 'Donoso'],
  ['3-04', 'Portobelo'],
  ['3-05', 'Santa Isabel'],
  ['3-06', 'Omar Torrijos Herrera'],

  ['4-01', 'Alanje'],
  ['4-02', 'Barú'],
  ['4-03', 'Boquerón'],
  ['4-04', 'Boquete'],
  ['4-05', 'Bugaba'],
  ['4-06', 'David'],
  ['4-07', 'Dolega'],
  ['4-08', 'Gualaca'],
  ['4-09', 'Remedios'],
  ['4-10', 'Renacimiento'],
  ['4-11', 'San Félix'],
  ['4-12', 'San Lorenzo'],
  ['4-13', 'Tolé'],
  ['4-14', 'Tierras Altas'],

  ['5-01', 'Chepigana'],
  ['5-02', 'Pinogana'],
  ['5-03', 'Santa Fe'],

  ['6-01', 'Chitré'],
  ['6-02', 'Las Minas'],
  ['6-03', 'Los Pozos'],
  ['6-04', 'Ocú'],
  ['6-05', 'Parita'],
  ['6-06', 'Pesé'],
  ['6-07', 'Santa María'],

  ['7-01', 'Guararé'],
  ['7-02', 'Las Tablas'],
  ['7-03', 'Los Santos'],
  ['7-04', 'Macaracas'],
  ['7-05', 'Pedasí'],
  ['7-06', 'Pocrí'],
  ['7-07', 'Tonosí'],

  ['8-01', 'Balboa'],
  ['8-02', 'Chepo'],
  ['8-03', 'Chimán'],
  ['8-04', 'Panamá'],
  ['8-05', 'San Miguelito'],
  ['8-06', 'Taboga'],

  ['9-01', 'Atalaya'],
  ['9-02', 'Calobre'],
  ['9-03', 'Cañazas'],
  ['9-04', 'La Mesa'],
  ['9-05', 'Las Palmas'],
  ['9-06', 'Mariato'],
  ['9-07', 'Montijo'],
  ['9-08', 'Río de Jesús'],
  ['9-09', 'San Francisco'],
  ['9-10', 'Santa Fe'],
  ['9-11', 'Santiago'],
  ['9-12', 'Soná'],

  ['10-01', 'Guna Yala'],

  ['11-01', 'Cémaco'],
  ['11-02', 'Sambú'],

  ['12-01', 'Besikó'],
  ['12-02', 'Kankintú'],
  ['12-03', 'Kusapín'],
  ['12-04', 'Mironó'],
  ['12-05', 'Müna'],
  ['12-06', 'Nole Duima'],
  ['12-07', 'Ñürüm'],
  ['12-08', 'Jirondai'],
  ['12-09', 'Santa Catalina o Calovébora'],

  ['13-01', 'Arraiján'],
  ['13-02', 'Capira'],
  ['13-03', 'Chame'],
  ['13-04', 'La Chorrera'],
  ['13-05', 'San Carlos'],

  ['14-01', 'Naso Tjër Di'],
];

function insertMany(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly string[])[],
): [string, string[]] {
  const tuples = rows.map(
    (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
  );
  const names = columns.map((column) => `"${column}"`).join(', ');
  return [`INSERT INTO "${table}" (${names}) VALUES ${tuples.join(', ')}`, rows.flat()];
}

export class ReferenceDistricts1795878400000 implements MigrationInterface {
  name = 'ReferenceDistricts1795878400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "provinces" ("code" text CONSTRAINT "pk_provinces" PRIMARY KEY, "name" text NOT NULL CONSTRAINT "uq_provinces_name" UNIQUE, "kind" text NOT NULL CONSTRAINT "ck_provinces_kind" CHECK ("kind" IN ('province','comarca')))`,
    );
    await queryRunner.query(
      `CREATE TABLE "districts" ("code" text CONSTRAINT "pk_districts" PRIMARY KEY, "name" text NOT NULL, "province_code" text NOT NULL CONSTRAINT "fk_districts_province" REFERENCES "provinces"("code"), CONSTRAINT "uq_districts_province_name" UNIQUE ("province_code", "name"))`,
    );

    await queryRunner.query(...insertMany('provinces', ['code', 'name', 'kind'], PROVINCES));
    await queryRunner.query(
      ...insertMany(
        'districts',
        ['code', 'name', 'province_code'],
        DISTRICTS.map(([code, name]) => [code, name, code.split('-')[0]]),
      ),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "districts"`);
    await queryRunner.query(`DROP TABLE "provinces"`);
  }
}

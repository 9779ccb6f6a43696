import { canonicalKey } from '../../src/reference/canonical-key';
import { bearer, TestApp, type TestUser } from '../support/test-app';

interface Entry {
  name: string;
  aliases: string[];
}

interface WeaponType extends Entry {
  code: string;
}

const WEAPON_TYPE_CODES = ['pistol', 'revolver', 'rifle', 'carbine', 'shotgun', 'submachine_gun', 'machine_gun', 'other'];

const ALIAS_TABLES = [
  { table: 'make_aliases', owner: 'make_id' },
  { table: 'calibre_aliases', owner: 'calibre_id' },
  { table: 'weapon_type_aliases', owner: 'code' },
] as const;

const byName = new Intl.Collator('es', { sensitivity: 'base' });

describe('reference catalogue: makes, calibres, weapon types', () => {
  let t: TestApp;
  let police: TestUser;
  let makes: Entry[];
  let calibres: Entry[];
  let weaponTypes: WeaponType[];

  const entry = <E extends Entry>(list: E[], name: string): E => {
    const found = list.find((item) => item.name === name);
    if (!found) throw new Error(`no entry named ${name}`);
    return found;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.bootstrapAdmin();
    police = await t.user(admin, ['police']);
    makes = (await t.http.get('/api/v1/reference/makes').set(bearer(police.accessToken)).expect(200)).body;
    calibres = (await t.http.get('/api/v1/reference/calibres').set(bearer(police.accessToken)).expect(200)).body;
    weaponTypes = (await t.http.get('/api/v1/reference/weapon-types').set(bearer(police.accessToken)).expect(200)).body;
  });
  afterAll(() => t.close());

  it('lists at least 120 makes, each once, sorted by name', () => {
    expect(makes.length).toBeGreaterThanOrEqual(120);
    const names = makes.map((make) => make.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([...names].sort(byName.compare));
    for (const make of makes) expect(Object.keys(make).sort()).toEqual(['aliases', 'name']);
  });

  it('lists the aliases of a make as written, without repeating its name', () => {
    expect(entry(makes, 'Smith & Wesson').aliases).toEqual(expect.arrayContaining(['S&W', 'SW', 'Smith Wesson']));
    expect(entry(makes, 'Heckler & Koch').aliases).toEqual(expect.arrayContaining(['H&K', 'HK']));
    expect(entry(makes, 'SIG Sauer').aliases).toContain('SIG');
    expect(entry(makes, 'Česká zbrojovka').aliases).toEqual(expect.arrayContaining(['CZ', 'CZ-USA']));
    expect(entry(makes, 'Ruger').aliases).toContain('Sturm Ruger');
    expect(entry(makes, 'FN Herstal').aliases).toContain('FN');
    for (const make of makes) expect(make.aliases).not.toContain(make.name);
  });

  it('lists at least 60 calibres, sorted by name, with 9×19mm Parabellum under its common names', () => {
    expect(calibres.length).toBeGreaterThanOrEqual(60);
    const names = calibres.map((calibre) => calibre.name);
    expect(names).toEqual([...names].sort(byName.compare));
    expect(entry(calibres, '9×19mm Parabellum').aliases).toEqual(
      expect.arrayContaining(['9mm', '9x19', '9x19mm', '9mm Luger', '9mm Parabellum']),
    );
    expect(entry(calibres, '.38 Special').aliases).toEqual(expect.arrayContaining(['.38 Spl', '.38']));
    expect(entry(calibres, '12 gauge').aliases).toEqual(expect.arrayContaining(['12 ga', 'calibre 12']));
    expect(entry(calibres, '.380 ACP').aliases).toEqual(expect.arrayContaining(['9mm Kurz', '9x17']));
  });

  it('keeps distinct cartridges apart even where they are close', () => {
    expect(entry(calibres, '5.56×45mm NATO').aliases).toEqual(expect.arrayContaining(['5.56', '5.56x45']));
    expect(entry(calibres, '.223 Remington').aliases).not.toContain('5.56');
    expect(entry(calibres, '7.62×51mm NATO').aliases).not.toContain('.308');
    expect(entry(calibres, '.308 Winchester').aliases).toContain('.308');
  });

  it('lists exactly the eight weapon-type codes, each with a display name', () => {
    expect(weaponTypes.map((type) => type.code).sort()).toEqual([...WEAPON_TYPE_CODES].sort());
    const names = weaponTypes.map((type) => type.name);
    expect(names).toEqual([...names].sort(byName.compare));
    for (const type of weaponTypes) {
      expect(Object.keys(type).sort()).toEqual(['aliases', 'code', 'name']);
      expect(type.name).toMatch(/\S/);
    }
    const aliasesOf = (code: string): string[] => weaponTypes.find((type) => type.code === code)!.aliases;
    expect(aliasesOf('shotgun')).toContain('shotgun');
    expect(aliasesOf('submachine_gun')).toEqual(expect.arrayContaining(['SMG', 'submachine gun']));
    expect(aliasesOf('machine_gun')).toContain('MG');
  });

  it('refuses every catalogue without a token', async () => {
    for (const path of ['makes', 'calibres', 'weapon-types']) {
      const response = await t.http.get(`/api/v1/reference/${path}`);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('stores each alias under its canonical key, and every name and code resolves to itself', async () => {
    for (const { table } of ALIAS_TABLES) {
      const { rows } = await t.db.query<{ alias: string; alias_key: string }>(`SELECT "alias", "alias_key" FROM "${table}"`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect([row.alias, row.alias_key]).toEqual([row.alias, canonicalKey(row.alias)]);
    }
    const unresolved = await t.db.query(`
      SELECT m."name" FROM "makes" m
       WHERE NOT EXISTS (SELECT 1 FROM "make_aliases" a WHERE a."make_id" = m."id" AND a."alias" = m."name")
      UNION ALL
      SELECT c."name" FROM "calibres" c
       WHERE NOT EXISTS (SELECT 1 FROM "calibre_aliases" a WHERE a."calibre_id" = c."id" AND a."alias" = c."name")
      UNION ALL
      SELECT t."code" FROM "weapon_types" t
       WHERE NOT EXISTS (SELECT 1 FROM "weapon_type_aliases" a WHERE a."code" = t."code" AND a."alias" = t."name")`);
    expect(unresolved.rows).toEqual([]);
    for (const code of WEAPON_TYPE_CODES) {
      const { rows } = await t.db.query('SELECT "code" FROM "weapon_type_aliases" WHERE "alias_key" = $1', [canonicalKey(code)]);
      expect(rows).toEqual([{ code }]);
    }
  });

  it('never lets one alias key name two entries', async () => {
    for (const { table, owner } of ALIAS_TABLES) {
      const { rows } = await t.db.query(
        `SELECT "alias_key" FROM "${table}" GROUP BY "alias_key" HAVING count(DISTINCT "${owner}") > 1`,
      );
      expect(rows).toEqual([]);
    }
    const idOf = async (table: string, name: string): Promise<number> =>
      (await t.db.query(`SELECT "id" FROM "${table}" WHERE "name" = $1`, [name])).rows[0].id;
    await expect(
      t.db.query(`INSERT INTO "make_aliases" ("alias_key", "alias", "make_id") VALUES ('sandw', 'S & W', $1)`, [
        await idOf('makes', 'Glock'),
      ]),
    ).rejects.toMatchObject({ code: '23505', constraint: 'pk_make_aliases' });
    await expect(
      t.db.query(`INSERT INTO "calibre_aliases" ("alias_key", "alias", "calibre_id") VALUES ('9mm', '9 mm', $1)`, [
        await idOf('calibres', '.380 ACP'),
      ]),
    ).rejects.toMatchObject({ code: '23505', constraint: 'pk_calibre_aliases' });
    await expect(
      t.db.query(`INSERT INTO "weapon_type_aliases" ("alias_key", "alias", "code") VALUES ('pistol', 'Pistol', 'revolver')`),
    ).rejects.toMatchObject({ code: '23505', constraint: 'pk_weapon_type_aliases' });
  });

  it('describes the catalogue endpoints in the OpenAPI document', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body;
    for (const [path, schema] of [
      ['makes', 'MakeDto'],
      ['calibres', 'CalibreDto'],
      ['weapon-types', 'WeaponTypeDto'],
    ]) {
      const operation = document.paths[`/api/v1/reference/${path}`].get;
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(operation.responses['200'].content['application/json'].schema).toEqual({
        type: 'array',
        items: { $ref: `#/components/schemas/${schema}` },
      });
      expect(operation.responses['401']).toBeDefined();
    }
    expect(document.components.schemas.WeaponTypeDto.required).toEqual(expect.arrayContaining(['code', 'name', 'aliases']));
  });
});

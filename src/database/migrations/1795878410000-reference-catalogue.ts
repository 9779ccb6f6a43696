// Curated names under which makes, calibres and weapon types are recorded, with the other
// ways they are commonly written. Spellings that differ from a listed one only in case,
// accents, spacing, punctuation or "&" against "and" are left out: they share its key
// (src/reference/canonical-key.ts) and resolve through it.
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { canonicalKey } from '../../reference/canonical-key';

type CatalogueRow = readonly [name: string, aliases: readonly string[]];
type WeaponTypeRow = readonly [code: string, name: string, aliases: readonly string[]];

const MAKES: readonly CatalogueRow[] = [
  ['Accuracy International', ['Accuracy Intl']],
  ['Aero Precision', ['Aero Precision USA']],
  ['Akdaş', ['Akdaş Silah']],
  ['Anderson Manufacturing', ['Anderson', 'Anderson Mfg']],
  ['Anschütz', ['J.G. Anschütz', 'Anschuetz']],
  ['Arex', ['Arex Defense']],
  ['ArmaLite', ['ArmaLite Inc']],
  ['Armscor', ['Arms Corporation of the Philippines', 'Rock Island Armory', 'RIA']],
  ['Armsan', ['Armsan Silah']],
  ['Arsenal AD', ['Arsenal Bulgaria', 'Arsenal JSCo']],
  ['Astra', ['Astra-Unceta', 'Astra Unceta y Cía', 'Unceta y Cía']],
  ['ATA Arms', ['ATA']],
  ['Auto-Ordnance', ['Auto-Ordnance Corporation']],
  ['B&T', ['Brügger & Thomet', 'B&T AG']],
  ['Baikal', ['Izhevsk Mechanical Plant', 'Izhmekh']],
  ['Barrett Firearms', ['Barrett', 'Barrett Firearms Manufacturing']],
  ['Benelli', ['Benelli Armi', 'Benelli USA']],
  ['Beretta', ['Pietro Beretta', "Fabbrica d'Armi Pietro Beretta", 'P. Beretta', 'Beretta USA']],
  ['Bernardelli', ['Vincenzo Bernardelli']],
  ['Bersa', ['Bersa S.A.']],
  ['Birmingham Small Arms', ['BSA', 'BSA Guns']],
  ['Blaser', ['Blaser Jagdwaffen']],
  ['Bond Arms', ['Bond']],
  ['Browning', ['Browning Arms', 'Browning Arms Company']],
  ['Bryco Arms', ['Bryco']],
  ['Bushmaster', ['Bushmaster Firearms', 'Bushmaster Firearms International']],
  ['CBC', ['Companhia Brasileira de Cartuchos', 'Magtech']],
  ['Canik', ['Canik Arms', 'Canik55', 'Samsun Yurt Savunma']],
  ['Century Arms', ['Century International Arms', 'Century']],
  ['Česká zbrojovka', ['CZ', 'CZ-USA', 'CZUB', 'Česká zbrojovka Uherský Brod']],
  ['Charles Daly', ['Charles Daly Firearms']],
  ['Charter Arms', ['Charter', 'Charter 2000']],
  ['Chiappa Firearms', ['Chiappa', 'Armi Sport', 'Armi Sport Chiappa']],
  ['Christensen Arms', ['Christensen']],
  ['Colt', ["Colt's Manufacturing Company", "Colt's", 'Colt Firearms', "Colt's Patent Fire Arms"]],
  ['Colt Canada', ['Diemaco']],
  ['Cugir', ['Uzina Mecanică Cugir', 'UM Cugir']],
  ['Daewoo Precision Industries', ['Daewoo', 'S&T Daewoo', 'S&T Motiv', 'SNT Motiv']],
  ['Dan Wesson', ['Dan Wesson Firearms']],
  ['Daniel Defense', ['Daniel Defense Inc']],
  ['Derya Arms', ['Derya']],
  ['Desert Tech', ['Desert Tactical Arms']],
  ['Diamondback Firearms', ['Diamondback']],
  ['DPMS', ['DPMS Panther Arms', 'Defense Procurement Manufacturing Services']],
  ['E.R. Amantino', ['Boito', 'Amantino']],
  ['Ed Brown', ['Ed Brown Products']],
  ['Fabarm', ['Fabbrica Bresciana Armi']],
  ['Fabricaciones Militares', ['FM', 'DGFM', 'Dirección General de Fabricaciones Militares']],
  ['Fabryka Broni Radom', ['Radom', 'FB Radom', 'Łucznik']],
  ['FAMAE', ['Fábricas y Maestranzas del Ejército']],
  ['FÉG', ['Fegyver- és Gépgyár', 'FEG Hungary']],
  ['Feinwerkbau', ['FWB']],
  ['FN Herstal', ['FN', 'FNH', 'Fabrique Nationale', "Fabrique Nationale d'Herstal", 'FN America']],
  ['Franchi', ['Luigi Franchi']],
  ['Girsan', ['Girsan Makina']],
  ['Glock', ['Glock GmbH', 'Glock Ges.m.b.H.', 'Glock Inc']],
  ['Grand Power', ['Grand Power s.r.o.']],
  ['Haenel', ['C.G. Haenel']],
  ['Hämmerli', ['Hämmerli AG']],
  ['Harrington & Richardson', ['H&R', 'H&R 1871']],
  ['Hatsan', ['Hatsan Arms']],
  ['Heckler & Koch', ['H&K', 'HK', 'Heckler Koch', 'Heckler und Koch', 'Heckler & Koch GmbH']],
  ['Henry Repeating Arms', ['Henry', 'Henry Repeating Arms Company']],
  ['Heritage Manufacturing', ['Heritage', 'Heritage Mfg']],
  ['Heym', ['Friedrich Wilhelm Heym']],
  ['High Standard', ['High Standard Manufacturing', 'Hi-Standard']],
  ['Hi-Point', ['Hi-Point Firearms', 'Beemiller']],
  ['Holland & Holland', ['H&H']],
  ['Howa', ['Howa Machinery']],
  ['Husqvarna', ['Husqvarna Vapenfabrik']],
  ['Imbel', ['Indústria de Material Bélico do Brasil']],
  ['Indumil', ['Industria Militar', 'Industria Militar de Colombia']],
  ['Israel Weapon Industries', ['IWI', 'IWI US', 'Israel Military Industries', 'IMI']],
  ['Ithaca Gun Company', ['Ithaca', 'Ithaca Gun']],
  ['Iver Johnson', ['Iver Johnson Arms', "Iver Johnson's Arms & Cycle Works"]],
  ['J.P. Sauer & Sohn', ['Sauer & Sohn', 'J.P. Sauer']],
  ['Jennings Firearms', ['Jennings']],
  ['Jimenez Arms', ['Jimenez']],
  ['Kahr Arms', ['Kahr']],
  ['Kalashnikov Concern', ['Kalashnikov', 'Izhmash', 'Kalashnikov Group']],
  ['Kel-Tec', ['Kel-Tec CNC Industries', 'KelTec CNC']],
  ['Kimber', ['Kimber Manufacturing', 'Kimber Mfg', 'Kimber America']],
  ['Korth', ['Korth Waffen']],
  ['Krieghoff', ['H. Krieghoff', 'Krieghoff GmbH']],
  ['KRISS', ['KRISS USA', 'Kriss Systems']],
  ['Les Baer', ['Les Baer Custom']],
  ['Llama', ['Llama Gabilondo', 'Gabilondo y Cía']],
  ['Lorcin Engineering', ['Lorcin']],
  ['LWRC International', ['LWRC', 'LWRCI']],
  ['Magnum Research', ['Magnum Research Inc']],
  ["Manufacture d'armes de Saint-Étienne", ['MAS']],
  ['Manurhin', ['Manufacture de Machines du Haut-Rhin']],
  ['Marlin', ['Marlin Firearms', 'Marlin Firearms Company']],
  ['Mauser', ['Mauser Jagdwaffen', 'Mauserwerke', 'Waffenfabrik Mauser']],
  ['Maverick Arms', ['Maverick']],
  ['Merkel', ['Merkel Jagd- und Sportwaffen']],
  ['Miroku', ['Miroku Corporation']],
  ['Molot', ['Molot Oruzhie', 'Vyatskiye Polyany Machine-Building Plant', 'VPO']],
  ['Mossberg', ['O.F. Mossberg & Sons', 'O.F. Mossberg', 'Mossberg & Sons']],
  ['New England Firearms', ['NEF', 'New England Firearms Co']],
  ['Nighthawk Custom', ['Nighthawk']],
  ['Norinco', ['China North Industries', 'China North Industries Corporation', 'North Industries']],
  ['North American Arms', ['NAA']],
  ['Noveske', ['Noveske Rifleworks']],
  ['Palmetto State Armory', ['PSA']],
  ['Para-Ordnance', ['Para', 'Para USA', 'Para-Ordnance Manufacturing']],
  ['Pardini', ['Pardini Armi']],
  ['Parker-Hale', ['Parker-Hale Ltd']],
  ['Perazzi', ['Armi Perazzi']],
  ['Phoenix Arms', ['Phoenix']],
  ['Pietta', ['F.lli Pietta', 'Fratelli Pietta']],
  ['Polymer80', ['P80']],
  ['Productos Mendoza', ['Mendoza']],
  ['Purdey', ['James Purdey & Sons', 'James Purdey']],
  ['Raven Arms', ['Raven']],
  ['Remington', ['Remington Arms', 'Remington Arms Company', 'RemArms']],
  ['Rock River Arms', ['RRA']],
  ['Rossi', ['Amadeo Rossi', 'Amadeo Rossi S.A.', 'Rossi USA', 'Braztech']],
  ['Royal Small Arms Factory', ['RSAF', 'RSAF Enfield', 'Enfield']],
  ['RPC Fort', ['Fort']],
  ['Ruger', ['Sturm Ruger', 'Sturm, Ruger & Co.', 'Sturm Ruger & Company']],
  ['Sako', ['Sako Oy', 'Sako Ltd']],
  ['Sarsılmaz', ['SAR Arms', 'Sarsılmaz Silah Sanayi']],
  ['Savage Arms', ['Savage', 'Savage Arms Company']],
  ['SCCY Industries', ['SCCY']],
  ['Shooters Arms Manufacturing', ['Shooters Arms']],
  ['SIG Sauer', ['SIG', 'SIG Arms', 'SIG Sauer GmbH', 'SIG Sauer Inc']],
  ['Smith & Wesson', ['S&W', 'SW', 'Smith Wesson', 'Smith & Wesson Brands']],
  ['Sphinx', ['Sphinx Systems']],
  ['Springfield Armory', ['Springfield', 'Springfield Inc', 'Springfield Armory Inc']],
  ['Staccato 2011', ['Staccato', 'STI', 'STI International']],
  ['Star Bonifacio Echeverría', ['Star', 'Star Echeverría']],
  ['Stevens Arms', ['Stevens', 'J. Stevens Arms & Tool']],
  ['Steyr Mannlicher', ['Steyr', 'Steyr Arms', 'Steyr-Daimler-Puch']],
  ['Stoeger', ['Stoeger Industries']],
  ['Swiss Arms', ['SAN Swiss Arms']],
  ['Tanfoglio', ['Fratelli Tanfoglio', 'F.lli Tanfoglio']],
  ['Taurus', ['Forjas Taurus', 'Taurus Armas', 'Taurus International', 'Taurus USA']],
  ['Thompson/Center Arms', ['Thompson Center', 'T/C', 'TC Arms']],
  ['Tikka', ['Tikkakoski']],
  ['Tisaş', ['Trabzon Silah Sanayi']],
  ['Tristar Arms', ['Tristar']],
  ['Tula Arms Plant', ['Tulsky Oruzheiny Zavod', 'TOZ']],
  ['Uberti', ['A. Uberti', 'Aldo Uberti']],
  ['Umarex', ['Umarex GmbH']],
  ['Valmet', ['Valmet Oy']],
  ['Walther', ['Carl Walther', 'Carl Walther GmbH', 'Walther Arms']],
  ['Weatherby', ['Weatherby Inc']],
  ['Webley & Scott', ['Webley']],
  ['Wilson Combat', ['Wilson']],
  ['Winchester', ['Winchester Repeating Arms', 'Winchester Repeating Arms Company', 'U.S. Repeating Arms']],
  ['Yıldız', ['Yildiz Silah']],
  ['Zastava', ['Zastava Arms', 'Zastava Oružje', 'Crvena Zastava']],
  ['Zbrojovka Brno', ['ZB', 'Brno', 'Zbrojovka Brno a.s.']],
];

const CALIBRES: readonly CatalogueRow[] = [
  ['.17 HMR', ['.17 Hornady Magnum Rimfire']],
  ['.22 Short', ['.22 S']],
  ['.22 LR', ['.22 Long Rifle', '.22', 'calibre 22']],
  ['.22 WMR', ['.22 Magnum', '.22 Mag', '.22 Winchester Magnum Rimfire']],
  ['.22 Hornet', ['5.6×35mmR']],
  ['.25 ACP', ['.25 Auto', '6.35mm Browning', '6.35×15mm', '6.35mm']],
  ['.32 ACP', ['.32 Auto', '7.65mm Browning', '7.65×17mm', '7.65mm']],
  ['.32 S&W Long', ['.32 Long']],
  ['.32 H&R Magnum', ['.32 H&R Mag']],
  ['.380 ACP', ['.380', '.380 Auto', '9mm Kurz', '9mm Short', '9mm corto', '9x17', '9×17mm']],
  ['9×18mm Makarov', ['9x18', '9mm Makarov', '9mm Mak', '9×18mm PM']],
  ['9×19mm Parabellum', ['9mm', '9x19', '9x19mm', '9mm Luger', '9mm Parabellum', '9mm Para', '9mm NATO']],
  ['9×21mm IMI', ['9x21', '9×21mm']],
  ['9×23mm Largo', ['9mm Largo', '9mm Bergmann-Bayard']],
  ['.38 S&W', ['.38 Smith & Wesson']],
  ['.38 Special', ['.38 Spl', '.38', '.38 S&W Special', 'calibre 38']],
  ['.38 Super', ['.38 Super Auto', '.38 Super ACP']],
  ['.357 Magnum', ['.357', '.357 Mag', '.357 S&W Magnum']],
  ['.357 SIG', ['.357 SIG Sauer']],
  ['.40 S&W', ['.40', '.40 Smith & Wesson', '.40 cal', '10×22mm']],
  ['10mm Auto', ['10mm', '10mm Automatic', '10×25mm']],
  ['.44 Special', ['.44 Spl', '.44 S&W Special']],
  ['.44 Magnum', ['.44 Mag', '.44 Rem Mag', '.44 Remington Magnum']],
  ['.45 ACP', ['.45', '.45 Auto', '.45 Automatic Colt Pistol', '11.43×23mm']],
  ['.45 GAP', ['.45 Glock Automatic Pistol']],
  ['.45 Colt', ['.45 Long Colt', '.45 LC']],
  ['.50 AE', ['.50 Action Express']],
  ['.500 S&W Magnum', ['.500 S&W', '.500 Magnum']],
  ['5.7×28mm', ['5.7x28', 'FN 5.7']],
  ['4.6×30mm', ['4.6x30', 'HK 4.6']],
  ['7.62×25mm Tokarev', ['7.62x25', '7.62 Tokarev', '7.62mm TT']],
  ['7.63×25mm Mauser', ['7.63 Mauser', '.30 Mauser']],
  ['7.65×21mm Parabellum', ['7.65 Parabellum', '7.65mm Luger', '.30 Luger']],
  ['7.62×38mmR Nagant', ['7.62 Nagant']],
  ['.30 Carbine', ['.30 M1 Carbine', '7.62×33mm']],
  ['.222 Remington', ['.222', '.222 Rem']],
  ['.223 Remington', ['.223', '.223 Rem']],
  ['5.56×45mm NATO', ['5.56', '5.56x45', '5.56mm', '5.56 NATO', 'SS109']],
  ['.22-250 Remington', ['.22-250', '.22-250 Rem']],
  ['5.45×39mm', ['5.45x39', '5.45 Soviet']],
  ['.243 Winchester', ['.243', '.243 Win']],
  ['.25-06 Remington', ['.25-06']],
  ['6.5 Creedmoor', ['6.5 CM', '6.5mm Creedmoor']],
  ['6.5 Grendel', ['6.5mm Grendel']],
  ['6.5×55mm Swedish', ['6.5x55', '6.5×55mm Mauser', '6.5 Swede']],
  ['6.8mm Remington SPC', ['6.8 SPC']],
  ['.270 Winchester', ['.270', '.270 Win']],
  ['7×57mm Mauser', ['7x57', '7mm Mauser', '.275 Rigby']],
  ['7mm Remington Magnum', ['7mm Rem Mag', '7mm Mag']],
  ['7.5×55mm Swiss', ['7.5x55', 'GP 11']],
  ['7.5×54mm French', ['7.5 MAS', '7.5x54']],
  ['7.62×39mm', ['7.62x39', '7.62 Soviet', 'M43']],
  ['.300 AAC Blackout', ['.300 Blackout', '.300 BLK', '7.62×35mm']],
  ['7.62×51mm NATO', ['7.62x51', '7.62×51mm', '7.62 NATO']],
  ['.308 Winchester', ['.308', '.308 Win']],
  ['7.62×54mmR', ['7.62x54R', '7.62x54', '7.62 Russian']],
  ['.30-06 Springfield', ['.30-06', '.30-06 Sprg', '7.62×63mm']],
  ['.30-30 Winchester', ['.30-30', '.30 WCF']],
  ['.300 Winchester Magnum', ['.300 Win Mag', '.300 WM']],
  ['.300 Weatherby Magnum', ['.300 Wby Mag']],
  ['.303 British', ['.303', '7.7×56mmR']],
  ['8×57mm IS', ['8mm Mauser', '8x57', '8×57mm JS', '7.92×57mm Mauser']],
  ['.338 Lapua Magnum', ['.338 Lapua', '.338 LM']],
  ['.35 Remington', ['.35 Rem']],
  ['9.3×62mm', ['9.3x62']],
  ['.375 H&H Magnum', ['.375 H&H', '.375 Holland & Holland']],
  ['.44-40 Winchester', ['.44-40', '.44 WCF']],
  ['.45-70 Government', ['.45-70', '.45-70 Govt']],
  ['.458 Winchester Magnum', ['.458 Win Mag']],
  ['.50 BMG', ['.50 Browning', '.50 Browning Machine Gun', '.50 cal', '12.7×99mm NATO']],
  ['12.7×108mm', ['12.7x108']],
  ['10 gauge', ['10 ga', 'calibre 10']],
  ['12 gauge', ['12 ga', '12 bore', '12G', 'calibre 12', 'cal. 12']],
  ['16 gauge', ['16 ga', '16 bore', 'calibre 16']],
  ['20 gauge', ['20 ga', '20 bore', 'calibre 20']],
  ['28 gauge', ['28 ga', 'calibre 28']],
  ['.410 bore', ['.410', '.410 gauge', '36 gauge', 'calibre 36']],
];

const WEAPON_TYPES: readonly WeaponTypeRow[] = [
  ['pistol', 'Pistola', ['pistol', 'pistola semiautomática', 'semi-automatic pistol']],
  ['revolver', 'Revólver', []],
  ['rifle', 'Fusil', ['rifle', 'rifle de cerrojo', 'bolt-action rifle', 'fusil semiautomático', 'semi-automatic rifle']],
  ['carbine', 'Carabina', ['carbine']],
  ['shotgun', 'Escopeta', ['shotgun', 'escopeta de bombeo', 'pump-action shotgun', 'escopeta de dos cañones', 'double-barrelled shotgun']],
  ['submachine_gun', 'Subfusil', ['submachine gun', 'SMG', 'metralleta']],
  ['machine_gun', 'Ametralladora', ['machine gun', 'MG', 'ametralladora ligera', 'light machine gun', 'LMG']],
  ['other', 'Otro', ['other', 'otra']],
];

interface AliasRow {
  key: string;
  alias: string;
  owner: string;
}

/**
 * The alias rows of one catalogue: each entry's name, then its aliases, keyed. An alias
 * that adds no key to its own entry, or that takes another entry's key, is a mistake in the
 * lists above; saying which one beats the bare primary-key violation the insert would give.
 */
function aliasRows(catalogue: string, entries: readonly (readonly [owner: string, forms: readonly string[]])[]): AliasRow[] {
  const owners = new Map<string, string>();
  const rows: AliasRow[] = [];
  for (const [owner, forms] of entries) {
    for (const alias of forms) {
      const key = canonicalKey(alias);
      const taken = owners.get(key);
      if (!key || taken !== undefined) {
        throw new Error(`${catalogue}: "${alias}" of "${owner}" has key "${key}"${taken ? `, already taken by "${taken}"` : ''}`);
      }
      owners.set(key, owner);
      rows.push({ key, alias, owner });
    }
  }
  return rows;
}

function insertMany(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  returning = '',
): [string, unknown[]] {
  const tuples = rows.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
  const names = columns.map((column) => `"${column}"`).join(', ');
  const tail = returning ? ` RETURNING ${returning}` : '';
  return [`INSERT INTO "${table}" (${names}) VALUES ${tuples.join(', ')}${tail}`, rows.flat()];
}

async function seedNamed(
  queryRunner: QueryRunner,
  table: 'makes' | 'calibres',
  aliasTable: string,
  ownerColumn: string,
  entries: readonly CatalogueRow[],
): Promise<void> {
  const aliases = aliasRows(table, entries.map(([name, forms]) => [name, [name, ...forms]]));
  const inserted: { id: number; name: string }[] = await queryRunner.query(
    ...insertMany(table, ['name'], entries.map(([name]) => [name]), '"id", "name"'),
  );
  const ids = new Map(inserted.map((row) => [row.name, row.id]));
  await queryRunner.query(
    ...insertMany(aliasTable, ['alias_key', 'alias', ownerColumn], aliases.map((row) => [row.key, row.alias, ids.get(row.owner)])),
  );
}

export class ReferenceCatalogue1795878410000 implements MigrationInterface {
  name = 'ReferenceCatalogue1795878410000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Alias keys are the primary key, so no key can ever resolve to two makes; the name's
    // own key is stored too, so the canonical name resolves like any alias.
    await queryRunner.query(`
      CREATE TABLE "makes" (
        "id" serial NOT NULL,
        "name" text NOT NULL,
        CONSTRAINT "pk_makes" PRIMARY KEY ("id"),
        CONSTRAINT "uq_makes_name" UNIQUE ("name")
      )`);
    await queryRunner.query(`
      CREATE TABLE "make_aliases" (
        "alias_key" text NOT NULL,
        "alias" text NOT NULL,
        "make_id" integer NOT NULL,
        CONSTRAINT "pk_make_aliases" PRIMARY KEY ("alias_key"),
        CONSTRAINT "ck_make_aliases_key" CHECK ("alias_key" ~ '^[a-z0-9]+$'),
        CONSTRAINT "fk_make_aliases_make" FOREIGN KEY ("make_id") REFERENCES "makes" ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_make_aliases_make" ON "make_aliases" ("make_id")`);

    await queryRunner.query(`
      CREATE TABLE "calibres" (
        "id" serial NOT NULL,
        "name" text NOT NULL,
        CONSTRAINT "pk_calibres" PRIMARY KEY ("id"),
        CONSTRAINT "uq_calibres_name" UNIQUE ("name")
      )`);
    await queryRunner.query(`
      CREATE TABLE "calibre_aliases" (
        "alias_key" text NOT NULL,
        "alias" text NOT NULL,
        "calibre_id" integer NOT NULL,
        CONSTRAINT "pk_calibre_aliases" PRIMARY KEY ("alias_key"),
        CONSTRAINT "ck_calibre_aliases_key" CHECK ("alias_key" ~ '^[a-z0-9]+$'),
        CONSTRAINT "fk_calibre_aliases_calibre" FOREIGN KEY ("calibre_id") REFERENCES "calibres" ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_calibre_aliases_calibre" ON "calibre_aliases" ("calibre_id")`);

    // The code is what the API and licences carry; the name is only for display.
    await queryRunner.query(`
      CREATE TABLE "weapon_types" (
        "code" text NOT NULL,
        "name" text NOT NULL,
        CONSTRAINT "pk_weapon_types" PRIMARY KEY ("code"),
        CONSTRAINT "uq_weapon_types_name" UNIQUE ("name"),
        CONSTRAINT "ck_weapon_types_code" CHECK ("code" ~ '^[a-z][a-z_]*$')
      )`);
    await queryRunner.query(`
      CREATE TABLE "weapon_type_aliases" (
        "alias_key" text NOT NULL,
        "alias" text NOT NULL,
        "code" text NOT NULL,
        CONSTRAINT "pk_weapon_type_aliases" PRIMARY KEY ("alias_key"),
        CONSTRAINT "ck_weapon_type_aliases_key" CHECK ("alias_key" ~ '^[a-z0-9]+$'),
        CONSTRAINT "fk_weapon_type_aliases_type" FOREIGN KEY ("code") REFERENCES "weapon_types" ("code")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_weapon_type_aliases_type" ON "weapon_type_aliases" ("code")`);

    await seedNamed(queryRunner, 'makes', 'make_aliases', 'make_id', MAKES);
    await seedNamed(queryRunner, 'calibres', 'calibre_aliases', 'calibre_id', CALIBRES);

    await queryRunner.query(...insertMany('weapon_types', ['code', 'name'], WEAPON_TYPES.map(([code, name]) => [code, name])));
    const typeAliases = aliasRows(
      'weapon_types',
      WEAPON_TYPES.map(([code, name, forms]) => [code, [name, ...forms]]),
    );
    // Clients send the code itself, so it has to resolve to its own type like any alias.
    for (const [code] of WEAPON_TYPES) {
      const holder = typeAliases.find((row) => row.key === canonicalKey(code));
      if (holder?.owner !== code) throw new Error(`weapon_types: code "${code}" does not resolve to itself`);
    }
    await queryRunner.query(
      ...insertMany('weapon_type_aliases', ['alias_key', 'alias', 'code'], typeAliases.map((row) => [row.key, row.alias, row.owner])),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "weapon_type_aliases"`);
    await queryRunner.query(`DROP TABLE "weapon_types"`);
    await queryRunner.query(`DROP TABLE "calibre_aliases"`);
    await queryRunner.query(`DROP TABLE "calibres"`);
    await queryRunner.query(`DROP TABLE "make_aliases"`);
    await queryRunner.query(`DROP TABLE "makes"`);
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DISPLAY_NAMES, displayName } from '../i18n/display-names';
import { type Language } from '../i18n/language';
import { canonicalKey } from './canonical-key';

/** A make or calibre as the registry records it; `verified` when it is one of the catalogue's. */
export interface Canonical {
  value: string;
  verified: boolean;
}

export interface CatalogueEntry {
  readonly name: string;
  readonly aliases: readonly string[];
}

export interface WeaponTypeEntry extends CatalogueEntry {
  readonly code: string;
}

/** One alias row with the entry it belongs to; `owner` is what a lookup answers (a name or a code). */
interface AliasRow {
  owner: string;
  name: string;
  alias: string | null;
  alias_key: string | null;
}

interface Catalogue<E extends CatalogueEntry> {
  byKey: ReadonlyMap<string, string>;
  entries: readonly E[];
}

// Not numeric: inch and metric calibres are decimals (.357 before .38, 5.45 before 5.7),
// which plain character order gets right.
const byName = new Intl.Collator('es', { sensitivity: 'base' });

function emptyCatalogue<E extends CatalogueEntry>(): Catalogue<E> {
  return { byKey: new Map(), entries: [] };
}

function buildCatalogue<E extends CatalogueEntry>(
  table: string,
  rows: readonly AliasRow[],
  entry: (owner: string, name: string, aliases: string[]) => E,
): Catalogue<E> {
  const byKey = new Map<string, string>();
  const grouped = new Map<string, { name: string; aliases: string[] }>();
  for (const row of rows) {
    const group = grouped.get(row.owner) ?? { name: row.name, aliases: [] };
    grouped.set(row.owner, group);
    if (row.alias === null || row.alias_key === null) continue;
    // The keys were computed by the migration; if canonicalKey has changed since, lookups
    // would silently miss, so the stored keys need a new migration before the service runs.
    if (canonicalKey(row.alias) !== row.alias_key) {
      throw new Error(`${table}: alias "${row.alias}" is stored under key "${row.alias_key}", which canonicalKey no longer gives`);
    }
    byKey.set(row.alias_key, row.owner);
    // The name's own row is there so that the name resolves; listing it as an alias adds nothing.
    if (row.alias !== row.name) group.aliases.push(row.alias);
  }
  const entries = [...grouped]
    .map(([owner, { name, aliases }]) => entry(owner, name, aliases.sort(byName.compare)))
    .sort((a, b) => byName.compare(a.name, b.name));
  return { byKey, entries };
}

function resolve(catalogue: Catalogue<CatalogueEntry>, input: string): Canonical {
  const name = catalogue.byKey.get(canonicalKey(input));
  if (name !== undefined) return { value: name, verified: true };
  return { value: input.trim().replace(/\s+/g, ' '), verified: false };
}

/**
 * The curated makes, calibres and weapon types, held in memory: they change only by
 * migration, and every weapon registration, correction and import row looks them up.
 */
@Injectable()
export class CatalogueService implements OnModuleInit {
  private makes = emptyCatalogue<CatalogueEntry>();
  private calibres = emptyCatalogue<CatalogueEntry>();
  private weaponTypes = emptyCatalogue<WeaponTypeEntry>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const [makes, calibres, weaponTypes] = await Promise.all([
      this.dataSource.query<AliasRow[]>(
        `SELECT m."name" AS "owner", m."name", a."alias", a."alias_key"
           FROM "makes" m LEFT JOIN "make_aliases" a ON a."make_id" = m."id"`,
      ),
      this.dataSource.query<AliasRow[]>(
        `SELECT c."name" AS "owner", c."name", a."alias", a."alias_key"
           FROM "calibres" c LEFT JOIN "calibre_aliases" a ON a."calibre_id" = c."id"`,
      ),
      this.dataSource.query<AliasRow[]>(
        `SELECT t."code" AS "owner", t."name", a."alias", a."alias_key"
           FROM "weapon_types" t LEFT JOIN "weapon_type_aliases" a ON a."code" = t."code"`,
      ),
    ]);
    this.makes = buildCatalogue('make_aliases', makes, (_, name, aliases) => ({ name, aliases }));
    this.calibres = buildCatalogue('calibre_aliases', calibres, (_, name, aliases) => ({ name, aliases }));
    this.weaponTypes = buildCatalogue('weapon_type_aliases', weaponTypes, (code, name, aliases) => ({ code, name, aliases }));
  }

  /** A known make or alias gives its canonical name; anything else is kept as written, unverified. */
  canonicalMake(input: string): Canonical {
    return resolve(this.makes, input);
  }

  /** A known calibre or alias gives its canonical name; anything else is kept as written, unverified. */
  canonicalCalibre(input: string): Canonical {
    return resolve(this.calibres, input);
  }

  /** The code of the weapon type that `input` names (its code, name or an alias), or null. */
  weaponType(input: string): string | null {
    return this.weaponTypes.byKey.get(canonicalKey(input)) ?? null;
  }

  /** Every weapon type code, in alphabetical order. */
  weaponTypeCodes(): string[] {
    return this.weaponTypes.entries.map((entry) => entry.code).sort();
  }

  /** Sorted by name, aliases by their text. */
  listMakes(): readonly CatalogueEntry[] {
    return this.makes.entries;
  }

  /** Sorted by name, aliases by their text. */
  listCalibres(): readonly CatalogueEntry[] {
    return this.calibres.entries;
  }

  /**
   * Sorted by name, aliases by their text. The name is for display: Spanish, as the catalogue
   * records it, or English (display-names.ts) for a reader of English; the code never changes.
   */
  listWeaponTypes(language: Language = 'es'): readonly WeaponTypeEntry[] {
    if (language === 'es') return this.weaponTypes.entries;
    const english = new Intl.Collator('en', { sensitivity: 'base' });
    return this.weaponTypes.entries
      .map((entry) => {
        if (!Object.prototype.hasOwnProperty.call(DISPLAY_NAMES.weaponType, entry.code)) return entry;
        const name = displayName('weaponType', entry.code, language);
        return { ...entry, name: name.charAt(0).toUpperCase() + name.slice(1) };
      })
      .sort((a, b) => english.compare(a.name, b.name));
  }
}

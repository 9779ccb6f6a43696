import { randomInt } from 'node:crypto';
import { bearer, type TestApp, type TestUser } from './test-app';

/** A valid cédula that no other test in the run is likely to have. */
export function uniqueCedula(): string {
  return `8-${randomInt(1, 9999)}-${randomInt(1, 999999)}`;
}

export function daysFromToday(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Panama' }).format(date);
}

export interface Owner {
  id: string;
  address: { district: string };
  version: number;
}

/** An adult person through POST /owners; overrides replace top-level fields. */
export async function makeOwner(t: TestApp, as: TestUser, overrides: Record<string, unknown> = {}): Promise<Owner> {
  const response = await t.http
    .post('/api/v1/owners')
    .set(bearer(as.accessToken))
    .send({
      type: 'person',
      name: 'José Pérez',
      idDocument: { kind: 'cedula', number: uniqueCedula() },
      birthDate: '1980-05-17',
      nationality: 'PA',
      address: { district: '8-05', line: 'Calle 5, Los Andes' },
      ...overrides,
    });
  if (response.status !== 201) throw new Error(`makeOwner: ${response.status} ${response.text}`);
  return response.body as Owner;
}

export async function issueLicence(
  t: TestApp,
  as: TestUser,
  ownerId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const response = await t.http
    .post(`/api/v1/owners/${ownerId}/licences`)
    .set(bearer(as.accessToken))
    .send({
      kind: 'possession',
      number: `LIC-${randomInt(1, 2 ** 40)}`,
      issuedAt: daysFromToday(-365),
      expiresAt: daysFromToday(365),
      weaponTypes: ['pistol', 'revolver', 'rifle', 'shotgun', 'carbine'],
      ...overrides,
    });
  if (response.status !== 201) throw new Error(`issueLicence: ${response.status} ${response.text}`);
  return response.body as { id: string };
}

/** A licensed holder in the given district. */
export async function makeHolder(t: TestApp, as: TestUser, district = '8-05'): Promise<Owner> {
  const owner = await makeOwner(t, as, { address: { district, line: 'Avenida Central' } });
  await issueLicence(t, as, owner.id);
  return owner;
}

export function weaponBody(ownerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    make: 'Glock',
    model: '19 Gen5',
    type: 'pistol',
    calibre: '9mm',
    serialNumber: `SN-${randomInt(1, 2 ** 40).toString(36).toUpperCase()}`,
    countryOfManufacture: 'AT',
    yearOfManufacture: 2021,
    ownerId,
    acquisition: { kind: 'domestic_purchase', date: daysFromToday(-10), documentRef: 'FAC-1' },
    ...overrides,
  };
}

export interface Weapon {
  id: string;
  registryNumber: string;
  status: string;
  version: number;
  make: string;
  serialNumber: string;
  serialNormalized: string;
}

export async function registerWeapon(t: TestApp, as: TestUser, body: Record<string, unknown>): Promise<Weapon> {
  const response = await t.http.post('/api/v1/weapons').set(bearer(as.accessToken)).send(body);
  if (response.status !== 201) throw new Error(`registerWeapon: ${response.status} ${response.text}`);
  return response.body as Weapon;
}

export async function auditCount(t: TestApp): Promise<number> {
  const { rows } = await t.db.query<{ seq: string }>('SELECT seq FROM audit_head');
  return Number(rows[0].seq);
}

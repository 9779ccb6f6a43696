import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { daysFromToday, issueLicence, makeHolder, makeOwner, registerWeapon, weaponBody } from '../support/registry';
import { until } from '../support/reconciliation';
import { bearer, TestApp, type TestUser } from '../support/test-app';

const SECRET = 'reminders-test-secret-0123456789';

interface Received {
  raw: string;
  headers: IncomingHttpHeaders;
  answered: number;
}

/** A real HTTP receiver on a free port: owners in `flaky` get two 503s before a 200, those in `dead` only 500s. */
class Receiver {
  readonly received: Received[] = [];
  readonly flaky = new Set<string>();
  readonly dead = new Set<string>();
  private readonly tries = new Map<string, number>();
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const { id, ownerId } = JSON.parse(raw) as { id: string; ownerId: string };
        const tried = (this.tries.get(id) ?? 0) + 1;
        this.tries.set(id, tried);
        const answered = this.dead.has(ownerId) ? 500 : this.flaky.has(ownerId) && tried <= 2 ? 503 : 200;
        this.received.push({ raw, headers: request.headers, answered });
        response.writeHead(answered, { 'Content-Type': 'text/plain' }).end(answered === 200 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/registry`;
  }

  of(notificationId: string): Received[] {
    return this.received.filter((entry) => (JSON.parse(entry.raw) as { id: string }).id === notificationId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Notification {
  id: string;
  ownerId: string;
  kind: string;
  documentId: string;
  documentNumber: string;
  expiresAt: string;
  status: string;
  attempts: number;
  deliveredAt: string | null;
  createdAt: string;
}

describe('renewal reminders', () => {
  const receiver = new Receiver();
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let scoped: TestUser;

  beforeAll(async () => {
    const url = await receiver.start();
    t = await TestApp.start({
      NOTIFY_WEBHOOK_URL: url,
      NOTIFY_WEBHOOK_SECRET: SECRET,
      RENEWAL_NOTICE_DAYS: '45',
      NOTIFY_ATTEMPTS: '4',
      NOTIFY_RETRY_DELAY_MS: '100',
    });
    admin = await t.bootstrapAdmin();
    officer = await t.user(admin, ['officer']);
    scoped = await t.user(admin, ['supervisor'], { jurisdiction: ['13-04'] });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  async function runReminders(): Promise<{ written: number }> {
    const accepted = await t.http.post('/api/v1/notifications/run').set(bearer(admin.accessToken)).expect(202);
    expect(accepted.headers.location).toBe(`/api/v1/notifications/runs/${accepted.body.id}`);
    return until('the reminders run to finish', async () => {
      const run = await t.http.get(accepted.headers.location).set(bearer(admin.accessToken)).expect(200);
      return run.body.status === 'completed' || run.body.status === 'failed' ? run.body : null;
    });
  }

  const notificationsOf = async (ownerId: string, as: TestUser = admin): Promise<Notification[]> =>
    (await t.http.get('/api/v1/notifications').query({ ownerId }).set(bearer(as.accessToken)).expect(200)).body.items;

  const settled = (ownerId: string): Promise<Notification[]> =>
    until(`the notifications of ${ownerId} to settle`, async () => {
      const items = await notificationsOf(ownerId);
      return items.length > 0 && items.every((item) => item.status !== 'pending') ? items : null;
    });

  it('writes one reminder per expiring licence however often the job runs, and delivers it once, signed', async () => {
    const owner = await makeOwner(t, officer);
    const soon = await issueLicence(t, officer, owner.id, { expiresAt: daysFromToday(20) });
    await issueLicence(t, officer, owner.id, { expiresAt: daysFromToday(46) }); // outside the 45 days
    const revoked = await issueLicence(t, officer, owner.id, { expiresAt: daysFromToday(10) });
    await t.http.post(`/api/v1/licences/${revoked.id}/revoke`).set(bearer(officer.accessToken)).send({ reason: 'Condena' }).expect(200);

    const first = await runReminders();
    expect(first).toMatchObject({ status: 'completed', trigger: 'manual' });
    expect(first.written).toBeGreaterThanOrEqual(1);
    const [delivered] = await settled(owner.id);
    const again = await runReminders();
    const third = await runReminders();
    expect([again.written, third.written]).toEqual([0, 0]);

    const items = await notificationsOf(owner.id);
    expect(items).toEqual([
      {
        id: delivered.id,
        ownerId: owner.id,
        kind: 'licence_expiring',
        documentId: soon.id,
        documentNumber: expect.any(String),
        expiresAt: daysFromToday(20),
        status: 'delivered',
        attempts: 1,
        deliveredAt: expect.any(String),
        lastError: null,
        createdAt: expect.any(String),
      },
    ]);

    // Exactly one POST, its signature the HMAC of the raw body, its body the contract's fields.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const posts = receiver.of(delivered.id);
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers['x-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(post.raw).digest('hex')}`);
    expect(JSON.parse(post.raw)).toEqual({
      id: delivered.id,
      ownerId: owner.id,
      kind: 'licence_expiring',
      documentId: soon.id,
      documentNumber: items[0].documentNumber,
      expiresAt: daysFromToday(20),
      createdAt: items[0].createdAt,
    });
  });

  it('delivers once to a receiver that fails twice, and records the attempts', async () => {
    const owner = await makeOwner(t, officer);
    receiver.flaky.add(owner.id);
    await issueLicence(t, officer, owner.id, { expiresAt: daysFromToday(30) });
    await runReminders();
    const [notification] = await settled(owner.id);
    expect(notification).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(receiver.of(notification.id).map((entry) => entry.answered)).toEqual([503, 503, 200]);
    await runReminders();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.of(notification.id).filter((entry) => entry.answered === 200)).toHaveLength(1);
  });

  it('writes a reminder for a holding certificate about to expire, once, from the registry', async () => {
    const holder = await makeHolder(t, officer);
    const weapon = await registerWeapon(t, officer, weaponBody(holder.id));
    const [certificate] = (await t.http.get(`/api/v1/weapons/${weapon.id}/certificates`).set(bearer(officer.accessToken)).expect(200)).body.items;
    // Issued today, it would expire in four years: brought within the notice period as time would.
    await t.db.query(`UPDATE holding_certificates SET expires_at = now() + interval '30 days' WHERE id = $1`, [certificate.id]);

    await runReminders();
    const items = await settled(holder.id);
    expect(items).toEqual([
      expect.objectContaining({
        ownerId: holder.id,
        kind: 'certificate_expiring',
        documentId: certificate.id,
        documentNumber: certificate.number,
        expiresAt: daysFromToday(30),
        status: 'delivered',
      }),
    ]);
    const [post] = receiver.of(items[0].id);
    expect(JSON.parse(post.raw)).toMatchObject({ kind: 'certificate_expiring', documentNumber: certificate.number });
    expect((await runReminders()).written).toBe(0);
  });

  it('marks a notification failed after the last attempt', async () => {
    const owner = await makeOwner(t, officer);
    receiver.dead.add(owner.id);
    await issueLicence(t, officer, owner.id, { expiresAt: daysFromToday(5) });
    await runReminders();
    const [notification] = await settled(owner.id);
    expect(notification).toMatchObject({ status: 'failed', attempts: 4, deliveredAt: null, lastError: 'the receiver answered HTTP 500' });
    expect(receiver.of(notification.id)).toHaveLength(4);
    const failed = await t.http.get('/api/v1/notifications').query({ status: 'failed' }).set(bearer(admin.accessToken)).expect(200);
    expect(failed.body.items.map((item: Notification) => item.id)).toContain(notification.id);
    const { rows } = await t.db.query(`SELECT action FROM audit_entries WHERE entity_type = 'notification' AND entity_id = $1`, [notification.id]);
    expect(rows).toEqual([{ action: 'notification.failed' }]);
  });

  it('lets admins run it and scoped readers see only their districts', async () => {
    const owner = await makeOwner(t, officer);
    await issueLicence(t, officer, owner.id, { expiresAt: daysFromToday(15) });
    expect((await t.http.post('/api/v1/notifications/run').set(bearer(officer.accessToken))).status).toBe(403);
    await runReminders();
    await settled(owner.id);
    expect(await notificationsOf(owner.id, officer)).toHaveLength(1);
    const refused = await t.http.get('/api/v1/notifications').query({ ownerId: owner.id }).set(bearer(scoped.accessToken));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('OUT_OF_JURISDICTION');
    const theirs = await t.http.get('/api/v1/notifications').set(bearer(scoped.accessToken)).expect(200);
    expect(theirs.body.items).toEqual([]);
    expect((await t.http.get('/api/v1/notifications').query({ status: 'sent' }).set(bearer(admin.accessToken))).status).toBe(400);
  });
});

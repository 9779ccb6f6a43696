import { messageBody, signatureOf } from './webhook-signature';

describe('webhook signature', () => {
  it('is the lower-case hex HMAC-SHA256 of the raw body (RFC 4231 test case 2)', () => {
    expect(signatureOf('what do ya want for nothing?', 'Jefe')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('signs the body in its fixed key order, whatever order the message was built in', () => {
    const body = messageBody({
      createdAt: '2026-12-04T10:00:00.000Z',
      expiresAt: '2027-01-31',
      documentNumber: 'LIC-1',
      documentId: 'd',
      kind: 'licence_expiring',
      ownerId: 'o',
      id: 'n',
    });
    expect(body).toBe(
      '{"id":"n","ownerId":"o","kind":"licence_expiring","documentId":"d","documentNumber":"LIC-1","expiresAt":"2027-01-31","createdAt":"2026-12-04T10:00:00.000Z"}',
    );
  });
});

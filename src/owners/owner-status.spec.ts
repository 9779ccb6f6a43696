import { render } from '../i18n/message';
import { OWNER_STATUSES, statusChangeRefusal } from './owner-status';

describe('owner status changes', () => {
  it('allows any change between different statuses of a living owner', () => {
    for (const from of OWNER_STATUSES.filter((status) => status !== 'deceased')) {
      for (const to of OWNER_STATUSES.filter((status) => status !== from)) {
        expect(statusChangeRefusal(from, to)).toBeNull();
      }
    }
  });

  it('refuses a change to the same status', () => {
    expect(render(statusChangeRefusal('suspended', 'suspended')!, 'en')).toMatch(/already suspended/);
    expect(render(statusChangeRefusal('suspended', 'suspended')!, 'es')).toMatch(/ya está suspendido/);
  });

  it('treats deceased as final', () => {
    for (const to of OWNER_STATUSES) expect(render(statusChangeRefusal('deceased', to)!, 'en')).toMatch(/final/);
  });
});

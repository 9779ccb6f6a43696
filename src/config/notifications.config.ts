import { registerAs } from '@nestjs/config';
import { parseNotificationsConfig } from './notifications-env';

export { parseNotificationsConfig } from './notifications-env';
export type { NotificationsConfig } from './notifications-env';

export const notificationsConfig = registerAs('notifications', () => parseNotificationsConfig(process.env));

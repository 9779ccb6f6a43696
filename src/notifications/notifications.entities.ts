import { NotificationEntity, NotificationRunEntity } from './notification.entity';

/** The tables the notifications module maps. */
export const notificationsEntities: Array<new () => object> = [NotificationEntity, NotificationRunEntity];

export { notify, notifyMany, registerChannel } from './notifications.service';
export type { NotificationChannel, NotificationMessage, NotificationKind } from './notifications.service';
export { notificationsRoutes } from './notifications.routes';

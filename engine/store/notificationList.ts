import type { NotificationRecord } from '../api.ts';

/** How many notifications a user's list keeps (the newest); older ones drop off as new ones come. */
export const NOTIFICATIONS_KEPT = 500;

/** A user's notifications as the file store keeps them: one record, newest first, versioned for replay. */
export interface NotificationList {
  readonly userId: string;
  readonly version: number;
  readonly items: readonly NotificationRecord[];
}

/** The list with new notifications put first (newest first), cut to NOTIFICATIONS_KEPT. */
export function withNotifications(list: NotificationList | null, userId: string, added: readonly NotificationRecord[]): NotificationList {
  const fresh = [...added].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return { userId, version: (list?.version ?? 0) + 1, items: [...fresh, ...(list?.items ?? [])].slice(0, NOTIFICATIONS_KEPT) };
}

/** The list with the given notifications (or all) marked read. */
export function markedRead(list: NotificationList, ids: readonly string[] | 'all'): NotificationList {
  return { ...list, version: list.version + 1, items: list.items.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n)) };
}

/** Orders two versions of a delivery for replay: a final one after every pending one, then by attempts. */
export function deliveryRank(delivery: { readonly status: string; readonly attempts: number }): number {
  return delivery.attempts * 2 + (delivery.status === 'pending' ? 0 : 1_000_000);
}

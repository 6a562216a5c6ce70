// The bell: notifications newest first, live from the notification stream.

import * as api from '../api.js';
import { h, replace, timeEl, toast, busy } from '../dom.js';
import { on, set } from '../state.js';
import { pagedList } from './paged.js';
import { refreshUnreadCount } from '../data.js';

export function render(main) {
  const unreadOnly = h('input', { type: 'checkbox', id: 'bell-unread-only', dataset: { test: 'unread-only' }, onchange: () => list.reload() });
  const readAll = h('button', {
    type: 'button', class: 'btn', dataset: { test: 'read-all' },
    onclick: () => busy(readAll, async () => {
      try {
        await api.post('/api/v1/notifications/read-all');
        set('unreadCount', 0);
        await list.reload();
      } catch (err) { toast(err.message, 'error'); }
    }),
  }, 'Mark all read');

  const list = pagedList({
    label: 'Notifications', testId: 'notifications', emptyText: 'No notifications.',
    keyOf: n => n.notificationId,
    fetchPage: cursor => api.page('/api/v1/notifications', { unread: unreadOnly.checked, limit: 30, cursor }),
    renderItem: n => item(n, () => list.upsert({ ...n, readAt: new Date().toISOString() })),
  });

  replace(main,
    h('h1', { class: 'view-title', id: 'bell-title' }, 'Notifications'),
    h('div', { class: 'toolbar' },
      h('span', { class: 'check' }, unreadOnly, h('label', { for: 'bell-unread-only' }, 'Unread only')),
      readAll),
    list.element);
  list.reload();

  // Live: a new or changed notification (e.g. resolved by a reconnect) replaces its line.
  return on('lastNotification', n => {
    if (unreadOnly.checked && n.readAt) return;
    list.upsert(n);
  });
}

function item(n, markedRead) {
  const read = Boolean(n.readAt);
  const markRead = read ? null : h('button', {
    type: 'button', class: 'btn btn-small', 'aria-label': `Mark "${n.title}" read`, dataset: { test: 'mark-read' },
    onclick: () => busy(markRead, async () => {
      try {
        await api.post(`/api/v1/notifications/${encodeURIComponent(n.notificationId)}/read`);
        markedRead();
        await refreshUnreadCount();
      } catch (err) { toast(err.message, 'error'); }
    }),
  }, 'Mark read');
  const title = n.link && isSafeLink(n.link) ? h('a', { href: n.link }, n.title) : n.title;
  return h('li', {
    class: `notification ${read ? 'is-read' : 'is-unread'} ${n.resolvedAt ? 'is-resolved' : ''}`,
    dataset: { test: 'notification', notificationId: n.notificationId, type: n.type || '', read: String(read), resolved: String(Boolean(n.resolvedAt)), key: n.notificationId },
  },
  h('div', { class: 'row-main' },
    read ? null : h('span', { class: 'unread-dot', 'aria-label': 'Unread' }),
    h('strong', { dataset: { test: 'notification-title' } }, title),
    n.count > 1 ? h('span', { class: 'muted' }, ` ×${n.count}`) : null,
    n.resolvedAt ? h('span', { class: 'badge badge-green', dataset: { test: 'resolved' }, title: n.resolvedAt }, 'Resolved') : null),
  n.body ? h('p', { class: 'notification-body' }, n.body) : null,
  h('div', { class: 'row-meta muted' }, timeEl(n.createdAt), markRead));
}

/** Only links inside the console (or plain https) are followed; never javascript: or the like. */
function isSafeLink(link) {
  try {
    const url = new URL(link, location.origin);
    return url.origin === location.origin || url.protocol === 'https:';
  } catch { return false; }
}

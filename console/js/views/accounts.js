// Ad accounts (per-account gate = syncStatus, Force sync) and the platform
// logins behind them (status, expiry, last refresh error).

import * as api from '../api.js';
import { h, replace, timeEl, toast, busy } from '../dom.js';
import { state } from '../state.js';
import { pagedList } from './paged.js';

const PAGE = 50;

export function render(main) {
  const filterId = 'accounts-platform';
  const filter = h('select', { id: filterId, dataset: { test: 'platform-filter' }, onchange: () => reloadAll() },
    h('option', { value: '' }, 'All platforms'),
    state.platforms.map(p => h('option', { value: p.id }, p.displayName)));

  const accounts = pagedList({
    label: 'Ad accounts', testId: 'ad-accounts', emptyText: 'No ad accounts yet. Connect a platform first.',
    fetchPage: cursor => api.page('/api/v1/ad-accounts', { platform: filter.value, limit: PAGE, cursor }),
    renderItem: adAccountRow,
  });
  const logins = pagedList({
    label: 'Platform logins', testId: 'platform-users', emptyText: 'No platform logins yet.',
    fetchPage: cursor => api.page('/api/v1/platform-users', { platform: filter.value, limit: PAGE, cursor }),
    renderItem: platformUserRow,
  });

  function reloadAll() {
    accounts.reload();
    logins.reload();
  }

  replace(main,
    h('h1', { class: 'view-title' }, 'Ad accounts'),
    h('div', { class: 'toolbar' }, h('label', { for: filterId }, 'Platform'), filter),
    h('section', { 'aria-labelledby': 'accounts-h' }, h('h2', { id: 'accounts-h' }, 'Accounts'), accounts.element),
    h('section', { 'aria-labelledby': 'logins-h' }, h('h2', { id: 'logins-h' }, 'Platform logins'), logins.element));
  reloadAll();
}

function adAccountRow(a) {
  const message = h('p', { class: 'row-message', role: 'status', dataset: { test: 'sync-message' } });
  const syncing = a.syncStatus === 'SYNCING';
  const button = h('button', {
    type: 'button', class: 'btn btn-small', 'aria-label': `Force sync ${a.name || a.externalId}`,
    dataset: { test: 'force-sync' },
    onclick: () => busy(button, async () => {
      message.className = 'row-message';
      try {
        await api.post(`/api/v1/ad-accounts/${encodeURIComponent(a.adAccountId)}/sync`);
        message.textContent = 'Sync requested';
        toast(`Sync requested for ${a.name || a.externalId}`, 'success');
      } catch (err) {
        message.textContent = err.message; // 409: "Token expired"
        message.classList.add('error');
        toast(err.message, 'error');
      }
    }),
  }, 'Force sync');
  return h('li', { class: 'row', dataset: { test: 'ad-account', adAccountId: a.adAccountId, syncStatus: a.syncStatus, key: a.adAccountId } },
    h('div', { class: 'row-main' },
      h('strong', {}, a.name || a.externalId),
      h('span', { class: 'muted' }, ` ${a.externalId}`)),
    h('div', { class: 'row-meta' },
      h('span', { class: `badge ${syncing ? 'badge-green' : 'badge-yellow'}`, dataset: { test: 'gate' } }, syncing ? 'Syncing' : 'Stopped'),
      h('span', { class: 'muted' }, 'Last synced ', timeEl(a.lastSyncedAt)),
      h('span', { class: 'muted' }, `Covered by ${(a.coveredBy || []).length} login${(a.coveredBy || []).length === 1 ? '' : 's'}`)),
    h('div', { class: 'row-actions' }, button),
    message);
}

const STATUS_BADGE = { ACTIVE: 'badge-green', EXPIRED: 'badge-yellow', ARCHIVED: 'badge-grey' };

function platformUserRow(u) {
  const platform = state.platforms.find(p => p.id === u.platform);
  return h('li', { class: 'row', dataset: { test: 'platform-user', platformUserId: u.platformUserId, status: u.status, key: u.platformUserId } },
    h('div', { class: 'row-main' },
      h('strong', {}, u.displayName || u.externalUserId),
      h('span', { class: 'muted' }, ` ${platform ? platform.displayName : u.platform}`)),
    h('div', { class: 'row-meta' },
      h('span', { class: `badge ${STATUS_BADGE[u.status] || 'badge-grey'}` }, u.status),
      h('span', { class: 'muted' }, 'Expires ', timeEl(u.expiresAt, 'never')),
      h('span', { class: 'muted' }, 'Last refresh ', timeEl(u.lastRefreshAt)),
      h('span', { class: 'muted' }, `${(u.adAccounts || []).length} ad account${(u.adAccounts || []).length === 1 ? '' : 's'}`)),
    u.lastRefreshError ? h('p', { class: 'row-message error' }, `Last refresh error: ${u.lastRefreshError}`) : null);
}

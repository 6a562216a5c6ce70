// Connect view: one card per platform (GET /api/v1/platforms merged with
// GET /api/v1/connectors), live-updated from the connectors stream.

import * as api from '../api.js';
import { h, replace, timeEl, toast, confirmInline, busy } from '../dom.js';
import { state, on, isAdmin } from '../state.js';
import { startConnect } from '../popup.js';
import { refreshConnectors } from '../data.js';

const BADGE_TEXT = { green: 'Connected', yellow: 'Needs attention', grey: 'Not connected' };

export function render(main) {
  const grid = h('div', { class: 'platform-grid' });
  replace(main,
    h('h1', { class: 'view-title' }, 'Connect'),
    h('p', { class: 'muted' }, 'Connect your ad platforms. A yellow card needs a reconnect.'),
    grid);

  const cards = new Map(); // platform id -> {card, update}
  function draw() {
    const platforms = mergedPlatforms();
    const ids = platforms.map(p => p.id).join(',');
    if ([...cards.keys()].join(',') !== ids) {
      cards.clear();
      replace(grid, platforms.map(p => {
        const built = platformCard(p);
        cards.set(p.id, built);
        return built.card;
      }));
    }
    for (const p of platforms) cards.get(p.id).update(p, connectorFor(p.id));
  }

  draw();
  const offs = [on('connectors', draw), on('platforms', draw), on('me', draw)];
  return () => offs.forEach(off => off());
}

function mergedPlatforms() {
  const known = new Set(state.platforms.map(p => p.id));
  const extra = state.connectors.filter(c => !known.has(c.platform))
    .map(c => ({ id: c.platform, displayName: c.platform, flow: 'consent_popup', adminOnly: false }));
  return [...state.platforms, ...extra];
}

function connectorFor(id) {
  return state.connectors.find(c => c.platform === id)
    || { platform: id, badge: 'grey', status: 'NOT_CONNECTED', platformUsers: [] };
}

/** Builds a platform's card once; update() redraws what the stream changes (badge, user cards) and keeps forms as typed. */
function platformCard(platform) {
  const id = platform.id;
  const badge = h('span', { class: 'badge', dataset: { test: 'badge' } });
  const status = h('span', { class: 'status-text muted', dataset: { test: 'status' } });
  const note = h('p', { class: 'admins-only', hidden: true, dataset: { test: 'admins-only' } }, 'Admins only');
  const users = h('ul', { class: 'user-cards', 'aria-label': `${platform.displayName} logins` });
  const actions = h('div', { class: 'platform-actions' });
  const card = h('article', { class: 'platform-card', dataset: { test: `card-${id}` }, 'aria-labelledby': `title-${id}` },
    h('div', { class: 'platform-head' },
      h('span', { class: 'logo', 'aria-hidden': 'true' }, (platform.displayName || id).slice(0, 1)),
      h('h2', { id: `title-${id}` }, platform.displayName || id),
      badge),
    status, note, users, actions);

  let form = null;
  function update(p, connector) {
    const locked = p.adminOnly && !isAdmin();
    card.dataset.badge = connector.badge;
    card.className = `platform-card platform-${connector.badge}`;
    badge.className = `badge badge-${connector.badge}`;
    badge.textContent = BADGE_TEXT[connector.badge] || connector.badge;
    status.textContent = statusText(connector);
    note.hidden = !locked;
    redrawUsers(users, p, connector.platformUsers || [], locked);
    if (!form) {
      form = p.flow === 'credentials_form' ? credentialsForm(p) : connectButton(p);
      actions.append(form.element);
    }
    form.setLocked(locked);
  }
  return { card, update };
}

function statusText(connector) {
  const n = (connector.platformUsers || []).length;
  if (connector.status === 'NOT_CONNECTED' || n === 0) return 'No login connected yet.';
  const yellow = connector.platformUsers.filter(u => u.card === 'yellow').length;
  return yellow ? `${yellow} of ${n} login${n > 1 ? 's' : ''} need${yellow === 1 ? 's' : ''} a reconnect.`
    : `${n} login${n > 1 ? 's' : ''} connected.`;
}

/** Redraws the user cards, putting the keyboard focus back where it was. */
function redrawUsers(list, platform, platformUsers, locked) {
  const focusKey = list.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
  replace(list, platformUsers.map(u => userCard(platform, u, locked)));
  if (focusKey) {
    const again = list.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
    if (again) again.focus();
  }
}

function userCard(platform, u, locked) {
  const name = u.displayName || u.platformUserId;
  const buttons = [];
  if (u.card === 'yellow') {
    const reconnect = h('button', {
      type: 'button', class: 'btn btn-primary btn-small', disabled: locked,
      'aria-label': `Reconnect ${platform.displayName} login ${name}`,
      dataset: { test: 'reconnect', focusKey: `reconnect-${u.platformUserId}` },
      onclick: () => {
        reconnect.disabled = true;
        startConnect(platform.id, { mode: 'reconnect', platformUserId: u.platformUserId, onSettled: () => { reconnect.disabled = false; } });
      },
    }, 'Reconnect');
    buttons.push(reconnect);
  }
  if (isAdmin()) buttons.push(adminButton('Archive', 'archive', platform, u, name), adminButton('Disconnect', 'disconnect', platform, u, name));

  return h('li', {
    class: `user-card card-${u.card}`,
    dataset: { test: 'user-card', platformUserId: u.platformUserId, card: u.card },
  },
  h('div', { class: 'user-main' },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('strong', { dataset: { test: 'user-name' } }, name),
    h('span', { class: 'user-message', dataset: { test: 'user-message' } }, u.message)),
  h('div', { class: 'user-meta muted' },
    'Last refresh ', timeEl(u.lastRefreshAt),
    u.stale ? h('span', { class: 'stale', dataset: { test: 'stale' }, title: 'Data for this login has not synced recently' }, 'Stale data') : null),
  buttons.length ? h('div', { class: 'user-actions' }, buttons) : null);
}

function adminButton(label, kind, platform, u, name) {
  const button = h('button', {
    type: 'button', class: `btn btn-small ${kind === 'disconnect' ? 'btn-danger' : ''}`,
    'aria-label': `${label} ${platform.displayName} login ${name}`,
    dataset: { test: kind, focusKey: `${kind}-${u.platformUserId}` },
    onclick: () => confirmInline(button, `${label} ${name}?`, async () => {
      try {
        if (kind === 'archive') await api.post(`/api/v1/platform-users/${encodeURIComponent(u.platformUserId)}/archive`);
        else await api.del(`/api/v1/platform-users/${encodeURIComponent(u.platformUserId)}`);
        toast(`${name} ${kind === 'archive' ? 'archived' : 'disconnected'}`, 'success');
        await refreshConnectors();
      } catch (err) {
        toast(err.message, 'error');
      }
    }),
  }, label);
  return button;
}

function connectButton(platform) {
  const button = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { test: `connect-${platform.id}` },
    onclick: () => {
      button.disabled = true;
      startConnect(platform.id, { mode: 'connect', onSettled: () => { button.disabled = locked; } });
    },
  }, `Connect ${platform.displayName}`);
  let locked = false;
  return { element: button, setLocked(value) { locked = value; button.disabled = value; } };
}

/** Taboola, Outbrain: the platform's API login and secret, sent once to the server. */
function credentialsForm(platform) {
  const id = platform.id;
  const login = h('input', { id: `cred-login-${id}`, name: 'login', autocomplete: 'off', required: true, dataset: { test: 'credentials-login' } });
  const secret = h('input', { id: `cred-secret-${id}`, name: 'secret', type: 'password', autocomplete: 'off', required: true, dataset: { test: 'credentials-secret' } });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', dataset: { test: 'credentials-submit' } }, `Connect ${platform.displayName}`);
  const error = h('p', { class: 'form-error', role: 'alert', dataset: { test: 'credentials-error' } });
  const form = h('form', {
    class: 'credentials-form', dataset: { test: `credentials-${id}` }, 'aria-label': `${platform.displayName} credentials`,
    onsubmit: event => {
      event.preventDefault();
      error.textContent = '';
      busy(submit, async () => {
        try {
          const result = await api.post(`/api/v1/connect/${encodeURIComponent(id)}/credentials`, { login: login.value.trim(), secret: secret.value });
          secret.value = '';
          toast(outcomeText(platform.displayName, result.outcome), 'success');
          await refreshConnectors();
        } catch (err) {
          error.textContent = err.message;
        }
      });
    },
  },
  h('div', { class: 'field' }, h('label', { for: login.id }, 'Login'), login),
  h('div', { class: 'field' }, h('label', { for: secret.id }, 'API secret'), secret),
  submit, error);
  return {
    element: form,
    setLocked(locked) { for (const el of [login, secret, submit]) el.disabled = locked; },
  };
}

export function outcomeText(name, outcome) {
  if (outcome === 'RECONNECTED') return `${name} reconnected`;
  if (outcome === 'NEW_USER_CREATED') return `${name} connected (new login added)`;
  return `${name} connected`;
}

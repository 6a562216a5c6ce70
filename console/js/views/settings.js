// Settings: Telegram linking for everyone; members, forced logout and
// "act as" (impersonation) for admins and owners.

import * as api from '../api.js';
import { h, replace, timeEl, relative, toast, confirmInline, busy } from '../dom.js';
import { state, isAdmin } from '../state.js';
import { pagedList } from './paged.js';

let actAs = () => {};
/** app.js supplies what happens after an impersonation token is issued. */
export function onActAs(fn) { actAs = fn; }

export function render(main) {
  replace(main,
    h('h1', { class: 'view-title' }, 'Settings'),
    telegramSection(),
    isAdmin() ? membersSection() : null);
}

function telegramSection() {
  const body = h('div', { dataset: { test: 'telegram' } }, h('p', { class: 'muted' }, 'Loading…'));
  const section = h('section', { class: 'panel', 'aria-labelledby': 'telegram-h' },
    h('h2', { id: 'telegram-h' }, 'Telegram'),
    h('p', { class: 'muted' }, 'Get workspace notifications from our Telegram bot. Token alerts stay in the bell.'),
    body);

  async function load() {
    try {
      const status = await api.get('/api/v1/telegram/link');
      replace(body, status.linked ? linked(status) : notLinked());
    } catch (err) {
      replace(body, h('p', { class: 'error', role: 'alert' }, err.message));
    }
  }

  function linked(status) {
    const unlink = h('button', {
      type: 'button', class: 'btn btn-danger', dataset: { test: 'telegram-unlink' },
      onclick: () => confirmInline(unlink, 'Unlink Telegram?', async () => {
        try {
          await api.del('/api/v1/telegram/link');
          toast('Telegram unlinked', 'success');
          load();
        } catch (err) { toast(err.message, 'error'); }
      }),
    }, 'Unlink');
    return h('div', { class: 'stack' },
      h('p', { dataset: { test: 'telegram-linked' } }, h('span', { class: 'badge badge-green' }, 'Linked'),
        status.linkedAt ? [' since ', timeEl(status.linkedAt)] : null),
      h('div', {}, unlink));
  }

  function notLinked() {
    const result = h('div', { class: 'stack', role: 'status' });
    const create = h('button', {
      type: 'button', class: 'btn btn-primary', dataset: { test: 'telegram-create' },
      onclick: () => busy(create, async () => {
        try {
          const link = await api.post('/api/v1/telegram/link');
          replace(result,
            h('p', {}, 'Open this link in Telegram and press Start. It works once, until ',
              h('time', { datetime: link.expiresAt, title: link.expiresAt, dataset: { test: 'telegram-expires' } },
                `${new Date(link.expiresAt).toLocaleString()} (${relative(link.expiresAt)})`), '.'),
            h('a', { href: link.deepLink, target: '_blank', rel: 'noopener noreferrer', class: 'deep-link', dataset: { test: 'telegram-deep-link' } }, link.deepLink),
            h('button', { type: 'button', class: 'btn btn-small', dataset: { test: 'telegram-check' }, onclick: load }, 'I have linked it'));
        } catch (err) {
          replace(result, h('p', { class: 'error', role: 'alert' }, err.message));
        }
      }),
    }, 'Create link');
    return h('div', { class: 'stack' }, h('p', { dataset: { test: 'telegram-not-linked' } }, 'Not linked.'), h('div', {}, create), result);
  }

  load();
  return section;
}

function membersSection() {
  const ws = state.me.workspaceId;
  const members = pagedList({
    label: 'Members', testId: 'members', emptyText: 'No members yet.', keyOf: m => m.userId,
    fetchPage: async cursor => {
      try {
        return await api.page(`/api/v1/workspaces/${encodeURIComponent(ws)}/members`, { cursor });
      } catch (err) {
        if (err.status === 404) throw new Error('The member list is not available yet. You can still add members below.');
        throw err;
      }
    },
    renderItem: memberRow,
  });
  const section = h('section', { class: 'panel', 'aria-labelledby': 'members-h' },
    h('h2', { id: 'members-h' }, 'Members'),
    members.element,
    addMemberForm(() => members.reload()));
  members.reload();
  return section;
}

function memberRow(m) {
  const self = m.userId === state.me.userId;
  const forceLogout = h('button', {
    type: 'button', class: 'btn btn-small btn-danger', disabled: self, 'aria-label': `Force logout ${m.email}`,
    dataset: { test: 'force-logout' },
    onclick: () => confirmInline(forceLogout, `Log ${m.email} out everywhere?`, async () => {
      try {
        await api.post(`/api/v1/admin/users/${encodeURIComponent(m.userId)}/logout`);
        toast(`${m.email} was logged out`, 'success');
      } catch (err) { toast(err.message, 'error'); }
    }),
  }, 'Force logout');
  const act = h('button', {
    type: 'button', class: 'btn btn-small', disabled: self, 'aria-label': `Act as ${m.email}`,
    dataset: { test: 'act-as' },
    onclick: () => confirmInline(act, `Act as ${m.email}? Your own session ends; log in again afterwards.`, async () => {
      try {
        await actAs(m);
      } catch (err) { toast(err.message, 'error'); }
    }),
  }, 'Act as');
  return h('li', { class: 'row', dataset: { test: 'member', userId: m.userId, role: m.role, key: m.userId } },
    h('div', { class: 'row-main' }, h('strong', {}, m.email), self ? h('span', { class: 'muted' }, ' (you)') : null),
    h('div', { class: 'row-meta' }, h('span', { class: 'badge badge-grey' }, m.role)),
    h('div', { class: 'row-actions' }, forceLogout, act));
}

function addMemberForm(added) {
  const email = h('input', { id: 'member-email', type: 'email', required: true, autocomplete: 'off', dataset: { test: 'member-email' } });
  const password = h('input', { id: 'member-password', type: 'password', required: true, minlength: '8', autocomplete: 'new-password', dataset: { test: 'member-password' } });
  const roles = state.me.role === 'owner' ? ['member', 'admin', 'owner'] : ['member', 'admin'];
  const role = h('select', { id: 'member-role', dataset: { test: 'member-role' } }, roles.map(r => h('option', { value: r }, r)));
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', dataset: { test: 'member-submit' } }, 'Add member');
  const error = h('p', { class: 'form-error', role: 'alert', dataset: { test: 'member-error' } });
  return h('form', {
    class: 'member-form', 'aria-labelledby': 'add-member-h',
    onsubmit: event => {
      event.preventDefault();
      error.textContent = '';
      busy(submit, async () => {
        try {
          await api.post(`/api/v1/workspaces/${encodeURIComponent(state.me.workspaceId)}/members`,
            { email: email.value.trim(), password: password.value, role: role.value });
          toast(`${email.value.trim()} added`, 'success');
          email.value = '';
          password.value = '';
          added();
        } catch (err) { error.textContent = err.message; }
      });
    },
  },
  h('h3', { id: 'add-member-h' }, 'Add a member'),
  h('div', { class: 'field' }, h('label', { for: email.id }, 'Email'), email),
  h('div', { class: 'field' }, h('label', { for: password.id }, 'Password'), password),
  h('div', { class: 'field' }, h('label', { for: role.id }, 'Role'), role),
  submit, error);
}

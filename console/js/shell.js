// The frame around the views once signed in: header (workspace, role, nav,
// bell, logout), the impersonation banner and the dashboard banners.

import { h, replace } from './dom.js';
import { state, on } from './state.js';

const NAV = [['#/connect', 'Connect'], ['#/accounts', 'Ad accounts'], ['#/settings', 'Settings']];
const ACTING_KEY = 'wevion.actingAs'; // display only: the email of the user being impersonated

export function rememberActingAs(member) {
  sessionStorage.setItem(ACTING_KEY, JSON.stringify({ userId: member.userId, email: member.email }));
}

export function forgetActingAs() { sessionStorage.removeItem(ACTING_KEY); }

/** Draws the header and banners and keeps them current; returns a function that removes them. */
export function mount({ onLogout, onStopActing }) {
  const header = document.getElementById('app-header');
  const bannerArea = document.getElementById('banners');
  const impersonation = document.getElementById('impersonation');

  const count = h('span', { class: 'bell-count', dataset: { test: 'bell-count' }, 'aria-live': 'polite', 'aria-atomic': 'true' });
  const bell = h('a', { href: '#/bell', class: 'bell', id: 'bell', dataset: { test: 'bell' } },
    bellIcon(), h('span', { class: 'sr-only' }, 'Notifications'), count);
  const nav = h('nav', { 'aria-label': 'Main' }, h('ul', {}, NAV.map(([href, label]) =>
    h('li', {}, h('a', { href, dataset: { test: `nav-${href.slice(2)}` } }, label)))));
  const who = h('span', { class: 'who', dataset: { test: 'who' } });
  const logout = h('button', { type: 'button', class: 'btn btn-small', dataset: { test: 'logout' }, onclick: onLogout }, 'Log out');

  replace(header,
    h('div', { class: 'header-top' },
      h('a', { href: '#/connect', class: 'brand' }, 'Wevion'),
      who,
      h('div', { class: 'header-actions' }, bell, logout)),
    nav);
  header.hidden = false;

  function drawWho() {
    const me = state.me;
    if (!me) return;
    replace(who,
      // /auth/me has no workspace name today: the id's start, in full on hover.
      h('span', { title: `Workspace ${me.workspaceId}`, dataset: { test: 'workspace' } },
        me.workspaceName || `Workspace ${shortId(me.workspaceId)}`),
      ' ', h('span', { class: 'badge badge-grey', dataset: { test: 'role' } }, me.role));
    drawImpersonation(impersonation, onStopActing);
  }

  function drawCount(n) {
    count.textContent = n > 99 ? '99+' : String(n || 0);
    count.hidden = !n;
    bell.setAttribute('aria-label', `Notifications, ${n || 0} unread`);
    count.dataset.count = String(n || 0);
    document.title = n ? `(${n}) Wevion token health` : 'Wevion token health';
  }

  function drawBanners(banners) {
    replace(bannerArea, (banners || []).map(b =>
      h('p', { class: 'banner', dataset: { test: 'banner', platform: b.platform } },
        h('span', {}, b.message), ' ', h('a', { href: '#/connect' }, 'Open Connect'))));
  }

  function markNav() {
    for (const a of nav.querySelectorAll('a')) {
      if (location.hash.startsWith(a.getAttribute('href'))) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    if (location.hash.startsWith('#/bell')) bell.setAttribute('aria-current', 'page');
    else bell.removeAttribute('aria-current');
  }

  drawWho(); drawCount(state.unreadCount); drawBanners(state.banners); markNav();
  const offs = [on('me', drawWho), on('claims', drawWho), on('unreadCount', drawCount), on('banners', drawBanners)];
  window.addEventListener('hashchange', markNav);

  return () => {
    offs.forEach(off => off());
    window.removeEventListener('hashchange', markNav);
    header.hidden = true;
    replace(header);
    replace(bannerArea);
    impersonation.hidden = true;
    replace(impersonation);
    document.title = 'Wevion token health';
  };
}

/** "You are acting as <user>" while the JWT carries act.sub (the admin). */
function drawImpersonation(el, onStop) {
  const actor = state.claims && state.claims.actor;
  if (!actor || !state.me) {
    el.hidden = true;
    replace(el);
    return;
  }
  let name = state.me.userId;
  try {
    const saved = JSON.parse(sessionStorage.getItem(ACTING_KEY) || 'null');
    if (saved && saved.userId === state.me.userId) name = saved.email;
  } catch { /* keep the id */ }
  replace(el,
    h('span', {}, 'You are acting as ', h('strong', { dataset: { test: 'acting-as' } }, name), '.'),
    h('button', { type: 'button', class: 'btn btn-small', dataset: { test: 'impersonation-stop' }, onclick: onStop }, 'Stop'));
  el.hidden = false;
}

/** An inline SVG: no icon font or emoji font needed. */
function bellIcon() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'bell-icon');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.innerHTML = '<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" '
    + 'd="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0"/>';
  return svg;
}

function shortId(id) { return id ? String(id).slice(0, 8) : '?'; }

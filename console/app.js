// Wevion token health console: boot, session, routing, live streams.

import * as api from './js/api.js';
import { h, replace, toast, tickTimes } from './js/dom.js';
import { state, set, reset } from './js/state.js';
import { loadMe, loadPlatforms, refreshConnectors, refreshUnreadCount, liveConnectors } from './js/data.js';
import { notificationStream, connectorStream } from './js/streams.js';
import { listenForPopupResults, onConnectResult, consumeRedirectResult } from './js/popup.js';
import { mount as mountShell, rememberActingAs, forgetActingAs } from './js/shell.js';
import * as loginView from './js/views/login.js';
import * as connectView from './js/views/connect.js';
import * as accountsView from './js/views/accounts.js';
import * as bellView from './js/views/bell.js';
import * as settingsView from './js/views/settings.js';

const VIEWS = { connect: connectView, accounts: accountsView, bell: bellView, settings: settingsView };
const main = document.getElementById('main');

let unmountShell = null;
let cleanupView = null;
let streams = [];

// ---- session ----------------------------------------------------------------

async function boot() {
  listenForPopupResults();
  onConnectResult(showConnectResult);
  api.onToken(claims => set('claims', claims));
  api.onSignedOut(message => showLogin(message));
  window.addEventListener('hashchange', route);
  setInterval(() => tickTimes(), 30_000);
  document.addEventListener('visibilitychange', renewIfStale);
  // The skip link must not change the hash: the hash is the router's.
  document.querySelector('.skip-link').addEventListener('click', event => {
    event.preventDefault();
    main.focus();
  });

  const returned = consumeRedirectResult(); // back from a full-page connect redirect
  let resumed = false;
  try {
    resumed = await api.resume();
  } catch (err) {
    showLogin(err.message);
    if (returned) showConnectResult(returned.result);
    return;
  }
  if (resumed) await enterApp();
  else showLogin('');
  if (returned) showConnectResult(returned.result);
}

/** Timers sleep in background tabs: when the tab comes back with a JWT about to expire, renew it now. */
function renewIfStale() {
  if (document.visibilityState !== 'visible' || !api.isSignedIn()) return;
  const claims = api.claims();
  if (claims.expiresAt && claims.expiresAt.getTime() - Date.now() < 90_000) api.renew().catch(() => {});
}

async function enterApp() {
  try {
    await loadMe();
  } catch (err) {
    if (api.isSignedIn()) showFatal(err.message);
    return;
  }
  if (!api.isSignedIn()) return; // signed out while the profile loaded: the login screen stays
  set('claims', api.claims());
  cleanupView?.();
  cleanupView = null;
  unmountShell?.();
  unmountShell = mountShell({ onLogout: logout, onStopActing: stopActing });
  startStreams();
  if (!location.hash || location.hash === '#/' || location.hash === '#/login') history.replaceState(null, '', '#/connect');
  // Each load on its own: one failing service must not blank the others.
  const loads = [
    loadPlatforms(), refreshConnectors(), refreshUnreadCount(),
  ].map(p => p.catch(err => { if (api.isSignedIn()) toast(err.message, 'error'); }));
  route();
  await Promise.all(loads);
}

function startStreams() {
  stopStreams();
  streams = [
    notificationStream(({ notification, unreadCount }) => {
      set('unreadCount', unreadCount);
      if (notification) set('lastNotification', notification);
    }),
    connectorStream(liveConnectors),
  ];
  streams.forEach(s => s.start());
}

function stopStreams() {
  streams.forEach(s => s.stop());
  streams = [];
}

function showLogin(message) {
  stopStreams();
  cleanupView?.();
  cleanupView = null;
  unmountShell?.();
  unmountShell = null;
  reset();
  loginView.render(main, { message, onSignedIn: enterApp });
}

async function logout() {
  stopStreams();
  try { await api.logout(); } catch { /* signed out locally either way */ }
  forgetActingAs();
  showLogin('You are logged out.');
}

/** Impersonation has its own session; stopping it is a logout, and the admin logs in again. */
async function stopActing() {
  stopStreams();
  try { await api.logout(); } catch { /* signed out locally either way */ }
  forgetActingAs();
  showLogin('You stopped acting as that user. Log in again to continue as yourself.');
}

// Impersonation ends the admin's own session, and with it the admin's live
// streams (their "end: logged_out" would sign this page out): they stop first,
// and the user's streams start once the user's token is in.
settingsView.onActAs(async (member) => {
  stopStreams();
  let token;
  try {
    token = await api.post('/api/v1/admin/impersonate', { userId: member.userId });
  } catch (err) {
    startStreams();
    throw err;
  }
  rememberActingAs(member);
  api.adoptImpersonation(token);
  set('me', null); // nothing renders as the admin while the user's profile loads
  location.hash = '#/connect';
  await enterApp();
  toast(`You are now acting as ${member.email}`, 'info');
});

function showFatal(message) {
  replace(main, h('section', { class: 'panel', role: 'alert' },
    h('h1', {}, 'Something went wrong'),
    h('p', { dataset: { test: 'fatal-error' } }, message),
    h('button', { type: 'button', class: 'btn btn-primary', onclick: () => location.reload() }, 'Try again')));
}

// ---- connect results (popup message or redirect return) ----------------------

function showConnectResult(result) {
  const platform = state.platforms.find(p => p.id === result.platform);
  const name = platform ? platform.displayName : (result.platform || 'Platform');
  if (result.ok) toast(connectView.outcomeText(name, result.outcome), 'success');
  else toast(result.message, 'error', 10_000);
  if (api.isSignedIn()) refreshConnectors().catch(err => toast(err.message, 'error'));
}

// ---- routing ------------------------------------------------------------------

function route() {
  if (!api.isSignedIn() || !state.me) return;
  const name = (location.hash.match(/^#\/(\w+)/) || [])[1];
  const view = VIEWS[name] || connectView;
  cleanupView?.();
  cleanupView = view.render(main) || null;
  main.focus({ preventScroll: true });
}

boot().catch(err => showFatal(err.message));

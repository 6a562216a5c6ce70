// Connect / Reconnect through the provider's consent screen in a popup.
// The popup is opened synchronously in the click handler (popup blockers allow
// only that), then pointed at the authorize URL once the API answers. The
// callback page posts {type: "wevion:connect", ...} to window.opener and closes.
// When the popup is blocked the whole page goes to the provider and the
// callback sends the browser back to /?connect=...&platform=...&message=...

import * as api from './api.js';

const RETURN_KEY = 'wevion.connect.returnTo'; // the view to come back to after a full-page redirect
const OUTCOMES = new Set(['CONNECTED', 'RECONNECTED', 'NEW_USER_CREATED']);

let resultHandler = () => {};

/** fn({platform, ok, outcome, platformUserId, message}) for every finished connect, popup or redirect. */
export function onConnectResult(fn) { resultHandler = fn; }

/**
 * Must be called directly from a click handler.
 * onSettled() runs once the flow is over for this page (result, error, or popup closed).
 */
export function startConnect(platform, { mode = 'connect', platformUserId, onSettled = () => {} } = {}) {
  const popup = window.open('about:blank', `wevion-connect-${platform}`, 'popup,width=600,height=700');
  const blocked = !popup || popup.closed;
  if (!blocked) showWaiting(popup);

  api.get(`/api/v1/connect/${encodeURIComponent(platform)}/authorize`, { mode, platformUserId })
    .then(({ authorizeUrl }) => {
      if (blocked) {
        sessionStorage.setItem(RETURN_KEY, location.hash || '#/connect');
        location.assign(authorizeUrl);
        return;
      }
      if (popup.closed) { onSettled(); return; } // the user changed their mind
      popup.location.href = authorizeUrl;
      watchClosed(popup, onSettled);
    })
    .catch(err => {
      if (popup && !popup.closed) popup.close();
      resultHandler({ platform, ok: false, message: err.message });
      onSettled();
    });
}

function showWaiting(popup) {
  try {
    popup.document.title = 'Connecting…';
    popup.document.body.style.font = '16px system-ui, sans-serif';
    popup.document.body.style.padding = '2rem';
    popup.document.body.textContent = 'Opening the sign-in page…';
  } catch { /* cross-origin already: nothing to show */ }
}

/** Closing the popup without finishing just re-enables the button; nothing else happens. */
function watchClosed(popup, onSettled) {
  const timer = setInterval(() => {
    if (popup.closed) {
      clearInterval(timer);
      onSettled();
    }
  }, 500);
}

/** The popup's callback page talks to us here; anything from another origin or of another type is ignored. */
export function listenForPopupResults() {
  window.addEventListener('message', event => {
    if (event.origin !== location.origin) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'wevion:connect') return;
    resultHandler(toResult(data.platform, data.outcome, data.error, data.message, data.platformUserId));
  });
}

function toResult(platform, outcome, error, message, platformUserId) {
  const ok = !error && OUTCOMES.has(outcome);
  return { platform, ok, outcome, platformUserId, message: ok ? message : (message || error || 'The connection did not complete.') };
}

/**
 * After a full-page redirect: read ?connect=&platform=&message=, remove them from
 * the URL and return {result, returnTo} (null when this load is not such a return).
 */
export function consumeRedirectResult() {
  const params = new URLSearchParams(location.search);
  const value = params.get('connect');
  if (!value) return null;
  const platform = params.get('platform');
  const message = params.get('message');
  const platformUserId = params.get('platformUserId');
  for (const key of ['connect', 'platform', 'message', 'platformUserId']) params.delete(key);
  const returnTo = sessionStorage.getItem(RETURN_KEY) || location.hash || '#/connect';
  sessionStorage.removeItem(RETURN_KEY);
  const search = params.toString();
  history.replaceState(null, '', location.pathname + (search ? `?${search}` : '') + returnTo);
  const outcome = OUTCOMES.has(value) ? value : null;
  return {
    result: toResult(platform, outcome, outcome ? null : value, message, platformUserId),
    returnTo,
  };
}

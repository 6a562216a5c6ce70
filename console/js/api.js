// Every call to /api/v1: the session JWT (memory only), its renewal, and errors.
// The JWT never goes to localStorage/sessionStorage; the HttpOnly session cookie
// set by the server is what lets a reload (or another tab) get a fresh one.

import { decodeClaims, describe } from './jwt.js';

const RENEW_BEFORE_MS = 60_000; // renew a minute before the 1-hour JWT expires

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let accessToken = null;
let renewTimer = null;
let renewing = null; // single flight: parallel 401s share one /auth/token call
const signedOutListeners = [];
const tokenListeners = [];

/** Called with a message when the session ends while signed in (logout elsewhere, forced logout, expiry). */
export function onSignedOut(fn) { signedOutListeners.push(fn); }
/** Called after each new JWT (login, renewal, impersonation). */
export function onToken(fn) { tokenListeners.push(fn); }

export function isSignedIn() { return accessToken !== null; }
export function claims() { return accessToken ? describe(decodeClaims(accessToken)) : null; }

function adopt(body) {
  accessToken = body.accessToken;
  clearTimeout(renewTimer);
  const ms = Math.max(5_000, (body.expiresIn || 3600) * 1000 - RENEW_BEFORE_MS);
  renewTimer = setTimeout(() => renew().catch(() => { /* signedOut or a retry later handles it */ }), ms);
  tokenListeners.forEach(fn => fn(claims()));
}

function forget() {
  accessToken = null;
  clearTimeout(renewTimer);
  renewTimer = null;
}

/** Ends the in-memory session and tells the app (which shows the login screen). */
export function signOut(message = 'You were signed out.') {
  const wasSignedIn = accessToken !== null;
  forget();
  if (wasSignedIn) signedOutListeners.forEach(fn => fn(message));
}

async function send(method, path, { query, body, auth = true } = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(url.pathname + url.search, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
}

/** Turns a failed response into an ApiError; {error, message} when the API answered, a plain text otherwise. */
async function failure(res) {
  let data = null;
  try { data = await res.json(); } catch { /* not JSON: a gateway page */ }
  if (data && typeof data.message === 'string') return new ApiError(res.status, data.error || `http_${res.status}`, data.message);
  const text = res.status >= 500 ? 'The server is not available right now. Try again in a moment.'
    : `The server answered ${res.status} ${res.statusText}`.trim();
  return new ApiError(res.status, `http_${res.status}`, text);
}

async function parse(res) {
  if (res.status === 204) return null;
  const text = await res.text();
  if (!text) return null;
  try { return JSON.parse(text); } catch { throw new ApiError(res.status, 'bad_response', 'The server sent an answer the console cannot read.'); }
}

/**
 * A fresh JWT from the session cookie. On 401 the session is over: signOut().
 * Returns true when renewed.
 */
export function renew() {
  if (!renewing) {
    renewing = (async () => {
      const res = await send('POST', '/api/v1/auth/token', { auth: false });
      if (res.status === 401) {
        signOut();
        throw await failure(res);
      }
      if (!res.ok) throw await failure(res);
      adopt(await parse(res));
      return true;
    })().finally(() => { renewing = null; });
  }
  return renewing;
}

/** On page load: resume the session from the cookie, quietly false when there is none. */
export async function resume() {
  const res = await send('POST', '/api/v1/auth/token', { auth: false });
  if (res.status === 401) return false;
  if (!res.ok) throw await failure(res);
  adopt(await parse(res));
  return true;
}

export async function login(email, password) {
  const res = await send('POST', '/api/v1/auth/login', { body: { email, password }, auth: false });
  if (!res.ok) throw await failure(res);
  adopt(await parse(res));
}

export async function signup(email, password, workspaceName) {
  const res = await send('POST', '/api/v1/auth/signup', { body: { email, password, workspaceName }, auth: false });
  if (!res.ok) throw await failure(res);
  return parse(res);
}

/** Logs out this session (every tab: the server ends their streams). Local state goes even if the call fails. */
export async function logout() {
  try { await send('POST', '/api/v1/auth/logout'); } finally { forget(); }
}

/** Impersonation answers a token like login does; from now on calls act as that user. */
export function adoptImpersonation(tokenBody) { adopt(tokenBody); }

/** Sends with the JWT; on 401 token_expired renews once and retries; on session_expired signs out. */
export async function raw(method, path, options = {}) {
  if (!accessToken) throw new ApiError(401, 'session_expired', 'You were signed out.');
  let res = await send(method, path, options);
  if (res.status === 401) {
    const err = await failure(res);
    if (err.code === 'session_expired') {
      signOut();
      throw err;
    }
    if (err.code !== 'token_expired' && err.code !== 'invalid_token') throw err;
    await renew();
    res = await send(method, path, options);
    if (res.status === 401) {
      const again = await failure(res);
      if (again.code === 'session_expired') signOut();
      throw again;
    }
  }
  if (!res.ok) throw await failure(res);
  return res;
}

export async function get(path, query) { return parse(await raw('GET', path, { query })); }
export async function post(path, body) { return parse(await raw('POST', path, { body })); }
export async function del(path) { return parse(await raw('DELETE', path)); }

/** One page of a paginated list: {items, nextCursor}; the cursor comes from X-Next-Cursor. */
export async function page(path, query) {
  const res = await raw('GET', path, { query });
  const items = (await parse(res)) || [];
  return { items, nextCursor: res.headers.get('X-Next-Cursor') || null };
}

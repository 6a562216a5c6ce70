// What the views share, and a tiny change notification so live streams can
// redraw the parts that show it (cards, banners, bell count) without a reload.

export const state = {
  me: null,          // GET /api/v1/auth/me
  claims: null,      // decoded JWT claims (display only)
  platforms: [],     // GET /api/v1/platforms (or the fallback list)
  connectors: [],    // GET /api/v1/connectors, then the live stream
  banners: [],       // GET /api/v1/dashboard/banners, then the live stream
  unreadCount: 0,    // GET /api/v1/notifications/unread-count, then the live stream
};

const listeners = new Map();

/** on('connectors', fn): fn runs after set('connectors', ...). Returns an unsubscribe function. */
export function on(key, fn) {
  if (!listeners.has(key)) listeners.set(key, new Set());
  listeners.get(key).add(fn);
  return () => listeners.get(key).delete(fn);
}

export function set(key, value) {
  state[key] = value;
  for (const fn of listeners.get(key) || []) fn(value);
}

export function isAdmin() {
  return state.me && (state.me.role === 'admin' || state.me.role === 'owner');
}

export function reset() {
  Object.assign(state, { me: null, claims: null, platforms: [], connectors: [], banners: [], unreadCount: 0 });
}

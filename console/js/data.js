// Loads what several views share into state (the live streams keep it current).

import * as api from './api.js';
import { set } from './state.js';

// Shown only while GET /api/v1/platforms is not deployed (404): the providers
// token-service knows today, so the Connect view is still usable.
const FALLBACK_PLATFORMS = [
  { id: 'meta', displayName: 'Meta', flow: 'consent_popup', adminOnly: false },
  { id: 'google-ads', displayName: 'Google Ads', flow: 'consent_popup', adminOnly: false },
  { id: 'tiktok', displayName: 'TikTok', flow: 'consent_popup', adminOnly: false },
  { id: 'snapchat', displayName: 'Snapchat', flow: 'consent_popup', adminOnly: false },
  { id: 'taboola', displayName: 'Taboola', flow: 'credentials_form', adminOnly: false },
  { id: 'outbrain', displayName: 'Outbrain', flow: 'credentials_form', adminOnly: false },
  { id: 'stripe', displayName: 'Stripe', flow: 'consent_popup', adminOnly: true },
  { id: 'google-drive', displayName: 'Google Drive', flow: 'consent_popup', adminOnly: true },
];

export async function loadMe() {
  set('me', await api.get('/api/v1/auth/me'));
}

export async function loadPlatforms() {
  try {
    set('platforms', (await api.get('/api/v1/platforms')) || []);
  } catch (err) {
    if (err.status !== 404) throw err;
    set('platforms', FALLBACK_PLATFORMS);
  }
}

// How many snapshots the live card stream has delivered. A fetch that a
// snapshot overtook is dropped: its two answers may straddle a change, and the
// stream sends every change anyway.
let liveSnapshots = 0;

/** The live card stream delivered the cards and banners as they are now. */
export function liveConnectors({ connectors, banners }) {
  liveSnapshots++;
  if (connectors) set('connectors', connectors);
  if (banners) set('banners', banners);
}

export async function refreshConnectors() {
  const seen = liveSnapshots;
  const [connectors, banners] = await Promise.all([
    api.get('/api/v1/connectors'),
    api.get('/api/v1/dashboard/banners'),
  ]);
  if (liveSnapshots !== seen) return;
  set('connectors', connectors || []);
  set('banners', banners || []);
}

export async function refreshUnreadCount() {
  const { count } = await api.get('/api/v1/notifications/unread-count');
  set('unreadCount', count);
}

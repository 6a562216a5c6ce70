// Live updates over server-sent events. EventSource cannot send an
// Authorization header, so each connection uses a one-time ticket
// (POST .../stream-ticket with the JWT). A ticket works once: every reopen
// renews the JWT and asks for a new ticket.

import * as api from './api.js';

const MAX_BACKOFF_MS = 30_000;

/**
 * A stream that keeps itself open while signed in.
 *   ticketPath: POST here for {ticket}
 *   streamPath: the EventSource URL (the ticket, and the last event id when resumable, are added)
 *   events: {eventName: (data, event) => void}
 *   resumable: pass the last seen event id on reopen (the bell misses nothing)
 */
export class LiveStream {
  constructor({ name, ticketPath, streamPath, events, resumable = false }) {
    Object.assign(this, { name, ticketPath, streamPath, events, resumable });
    this.source = null;
    this.lastEventId = null;
    this.errors = 0;
    this.attempt = 0;
    this.retryTimer = null;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.close();
  }

  close() {
    if (this.source) {
      this.source.close();
      this.source = null;
    }
  }

  async open() {
    if (this.stopped) return;
    try {
      const { ticket } = await api.post(this.ticketPath);
      if (this.stopped) return;
      let url = `${this.streamPath}?ticket=${encodeURIComponent(ticket)}`;
      if (this.resumable && this.lastEventId) url += `&lastEventId=${encodeURIComponent(this.lastEventId)}`;
      this.listen(new EventSource(url));
    } catch (err) {
      this.retryLater(err);
    }
  }

  listen(source) {
    this.source = source;
    this.errors = 0;
    source.addEventListener('open', () => { this.attempt = 0; this.errors = 0; });
    for (const [name, handler] of Object.entries(this.events)) {
      source.addEventListener(name, event => {
        if (event.lastEventId) this.lastEventId = event.lastEventId;
        handler(safeJson(event.data), event);
      });
    }
    source.addEventListener('end', event => this.ended(safeJson(event.data)));
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      this.errors += 1;
      // CLOSED: the browser gave up (e.g. 401 on a used ticket). Repeated errors
      // while CONNECTING: its own retries reuse the spent ticket, so take over.
      // Backoff so a stream that keeps failing doesn't spin.
      if (source.readyState === EventSource.CLOSED || this.errors >= 2) {
        this.close();
        this.retryLater(new Error('connection lost'));
      }
    });
  }

  /** The server ends a stream when the JWT expires or the session ends (logout in any tab). */
  ended(data) {
    this.close();
    if (data && data.reason === 'logged_out') {
      this.stopped = true;
      api.signOut('You were signed out.');
      return;
    }
    this.reopen(); // token_expired (or an unknown reason): fresh JWT, fresh ticket
  }

  async reopen() {
    this.close();
    if (this.stopped) return;
    try {
      await api.renew(); // a 401 here signs out, which stops every stream
    } catch (err) {
      if (!api.isSignedIn()) return;
      this.retryLater(err);
      return;
    }
    this.open();
  }

  retryLater(err) {
    if (this.stopped || !api.isSignedIn()) return;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempt);
    this.attempt += 1;
    console.warn(`${this.name} stream: ${err && err.message}; retrying in ${delay / 1000}s`);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.reopen(), delay);
  }
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return null; }
}

/** The bell: each event carries the changed notification (or null) and the unread count. */
export function notificationStream(onNotification) {
  return new LiveStream({
    name: 'notifications',
    ticketPath: '/api/v1/notifications/stream-ticket',
    streamPath: '/api/v1/notifications/stream',
    resumable: true,
    events: { notification: data => data && onNotification(data) },
  });
}

/** Connector cards and dashboard banners, redrawn from each event. */
export function connectorStream(onConnectors) {
  return new LiveStream({
    name: 'connectors',
    ticketPath: '/api/v1/connectors/stream-ticket',
    streamPath: '/api/v1/connectors/stream',
    events: { connectors: data => data && onConnectors(data) },
  });
}

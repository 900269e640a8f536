import type { RoomClientMessage, RoomServerMessage } from '../../../contracts/room-state';

/** Same value as ROOM_SOCKET_PATH in contracts/room.ts; copied so the room's chunk stays free of zod. */
export const ROOM_SOCKET_PATH = '/api/live';

export type LinkState = 'connecting' | 'open' | 'waiting';

export interface LinkStatus {
  state: LinkState;
  /** Attempts in a row that ended without the socket opening (refused handshake, no network). */
  failures: number;
  /** Counts up with every socket that opens; an intent sent on an older one may need sending again. */
  connection: number;
}

/** What the room client needs from the connection (a fake one in unit tests). */
export interface Transport {
  readonly status: LinkStatus;
  send(msg: RoomClientMessage): boolean;
  onMessage(fn: (msg: RoomServerMessage) => void): () => void;
  onStatus(fn: (status: LinkStatus) => void): () => void;
  /** Keeps the socket up while anyone holds it; returns the release. */
  acquire(): () => void;
  /** Drops the current socket (it may be dead without knowing) and connects again at once. */
  reconnectNow(): void;
}

const BASE_DELAY = 500;
const MAX_DELAY = 10_000;
/** A StrictMode remount or a quick route change should not cost a reconnect. */
const LINGER = 2_000;

/** Exponential backoff with jitter: 0.5 s doubling to 10 s, each randomly between half and all of it. */
export function backoffDelay(attempt: number, random = Math.random): number {
  const cap = Math.min(MAX_DELAY, BASE_DELAY * 2 ** Math.min(attempt, 10));
  return Math.round(cap / 2 + (cap / 2) * random());
}

export function socketUrl(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${ROOM_SOCKET_PATH}`;
}

/**
 * One WebSocket per browser tab, kept open while a page holds it. It reconnects with backoff, and
 * at once when the network comes back or the tab becomes visible again (a closed laptop lid).
 */
class LiveSocket implements Transport {
  private ws: WebSocket | null = null;
  private holders = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private lingerTimer: ReturnType<typeof setTimeout> | null = null;
  private messageFns = new Set<(msg: RoomServerMessage) => void>();
  private statusFns = new Set<(status: LinkStatus) => void>();
  status: LinkStatus = { state: 'waiting', failures: 0, connection: 0 };

  private readonly wake = () => {
    if (this.holders > 0 && this.status.state === 'waiting') this.connect();
  };
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') this.wake();
  };

  acquire(): () => void {
    this.holders++;
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = null;
    if (this.holders === 1 && !this.ws && !this.retryTimer) {
      window.addEventListener('online', this.wake);
      document.addEventListener('visibilitychange', this.onVisible);
      this.connect();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      if (this.holders === 0) this.lingerTimer = setTimeout(() => this.shutDown(), LINGER);
    };
  }

  send(msg: RoomClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    try {
      this.ws.send(JSON.stringify(msg));
      return true;
    } catch {
      return false;
    }
  }

  onMessage(fn: (msg: RoomServerMessage) => void) {
    this.messageFns.add(fn);
    return () => void this.messageFns.delete(fn);
  }

  onStatus(fn: (status: LinkStatus) => void) {
    this.statusFns.add(fn);
    return () => void this.statusFns.delete(fn);
  }

  reconnectNow() {
    if (this.holders === 0) return;
    this.drop();
    this.connect();
  }

  private setStatus(next: Partial<LinkStatus>) {
    this.status = { ...this.status, ...next };
    for (const fn of this.statusFns) fn(this.status);
  }

  private connect() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.ws) return;
    let opened = false;
    let ws: WebSocket;
    try {
      ws = new WebSocket(socketUrl());
    } catch {
      this.scheduleRetry(false);
      return;
    }
    this.ws = ws;
    this.setStatus({ state: 'connecting' });
    ws.onopen = () => {
      opened = true;
      this.setStatus({ state: 'open', failures: 0, connection: this.status.connection + 1 });
    };
    ws.onmessage = (e) => {
      // Only a socket the server talks on resets the backoff, so one that is closed straight after
      // opening does not reconnect in a tight loop.
      this.attempt = 0;
      if (typeof e.data !== 'string') return;
      let msg: RoomServerMessage;
      try {
        msg = JSON.parse(e.data) as RoomServerMessage;
      } catch {
        return;
      }
      for (const fn of this.messageFns) fn(msg);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.scheduleRetry(opened);
    };
    // An error is always followed by close; the retry is planned there.
    ws.onerror = () => {};
  }

  private scheduleRetry(hadOpened: boolean) {
    if (this.holders === 0 && !this.lingerTimer) return;
    const failures = hadOpened ? 0 : this.status.failures + 1;
    this.setStatus({ state: 'waiting', failures });
    const delay = backoffDelay(this.attempt++);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /** Closes the socket without planning a retry. */
  private drop() {
    const ws = this.ws;
    this.ws = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(1000);
      } catch {}
    }
  }

  private shutDown() {
    this.lingerTimer = null;
    if (this.holders > 0) return;
    window.removeEventListener('online', this.wake);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.drop();
    this.attempt = 0;
    this.setStatus({ state: 'waiting', failures: 0 });
  }
}

let shared: LiveSocket | null = null;
/** The tab's one live connection. */
export function liveSocket(): Transport {
  shared ??= new LiveSocket();
  return shared;
}

import type { RoomIntent, RoomServerMessage } from '../../../contracts/room-state';
import type { LinkStatus, Transport } from './live';
import { DraftStore, harvestKey, loadOutbox, noteKey, saveOutbox } from './storage';
import { disconnected, dismiss, enqueue, join, newSession, receive, type OutboxEntry, type Session, type Step } from './sync';

export interface RoomSnapshot extends Session {
  link: LinkStatus;
}

/** How long a join may go unanswered on an open socket before we assume the socket is dead. */
const JOIN_TIMEOUT_MS = 8_000;

export function newIntentId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Older browsers on plain http: still matches /^[A-Za-z0-9_-]{8,64}$/.
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * One meeting room as this tab sees it: joins over the shared socket, applies events in order,
 * keeps unanswered intents and drafts in localStorage, and re-sends them (same ids) after a
 * reconnect. React reads it with useSyncExternalStore.
 */
export class RoomClient {
  readonly drafts: DraftStore;
  private session: Session;
  private snapshot: RoomSnapshot;
  private listeners = new Set<() => void>();
  private watchdog: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly meetingId: string,
    readonly userId: string,
    private readonly transport: Transport,
  ) {
    this.drafts = new DraftStore(meetingId, userId);
    this.session = newSession(loadOutbox(meetingId, userId));
    this.snapshot = { ...this.session, link: transport.status };
  }

  getSnapshot = (): RoomSnapshot => this.snapshot;

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };

  /** Joins the room; the returned function leaves it. */
  start(): () => void {
    const release = this.transport.acquire();
    const offMessage = this.transport.onMessage((msg) => this.onMessage(msg));
    const offStatus = this.transport.onStatus((status) => this.onStatus(status));
    // A tab woken from sleep or back on the network may hold a socket that is silently dead:
    // ask for a fresh snapshot, and reconnect when none comes.
    const wake = () => {
      if (document.visibilityState === 'visible' && this.transport.status.state === 'open') this.rejoin();
    };
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', wake);
    this.onStatus(this.transport.status);
    if (this.transport.status.state === 'open') this.rejoin();
    return () => {
      window.removeEventListener('online', wake);
      document.removeEventListener('visibilitychange', wake);
      this.clearWatchdog();
      this.transport.send({ type: 'leave', meetingId: this.meetingId });
      offMessage();
      offStatus();
      release();
      this.apply({ session: disconnected(this.session), send: [], acked: [], rejected: [] });
    };
  }

  /** Sends an intent (or queues it until the room is back); returns its id. */
  send(intent: RoomIntent): string {
    const entry: OutboxEntry = { id: newIntentId(), meetingId: this.meetingId, intent, createdAt: Date.now(), sentOn: null };
    this.apply(enqueue(this.session, entry, this.transport.status.connection));
    return entry.id;
  }

  dismiss(id: string) {
    this.apply({ session: dismiss(this.session, id), send: [], acked: [], rejected: [] });
  }

  dismissNotice() {
    this.apply({ session: { ...this.session, notice: null }, send: [], acked: [], rejected: [] });
  }

  retryNow() {
    if (this.transport.status.state === 'open') this.rejoin();
    else this.transport.reconnectNow();
  }

  private rejoin() {
    this.apply(join(this.session, this.meetingId));
    this.clearWatchdog();
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      if (this.session.awaiting) this.transport.reconnectNow();
    }, JOIN_TIMEOUT_MS);
  }

  private clearWatchdog() {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private onStatus(status: LinkStatus) {
    const wasSynced = this.session.syncedOn;
    if (status.state !== 'open' || (wasSynced !== null && wasSynced !== status.connection)) {
      this.session = disconnected(this.session);
    }
    const fresh = status.state === 'open' && this.snapshot.link.connection !== status.connection;
    this.publish(status);
    if (fresh) this.rejoin();
  }

  private onMessage(msg: RoomServerMessage) {
    const result = receive(this.session, msg, { meetingId: this.meetingId, connection: this.transport.status.connection, now: Date.now() });
    if (!result.session.awaiting) this.clearWatchdog();
    this.apply(result);
  }

  private apply(result: Step) {
    const outboxChanged = result.session.outbox !== this.session.outbox;
    this.session = result.session;
    for (const msg of result.send) this.transport.send(msg);
    for (const entry of result.acked) this.settleDraft(entry);
    if (outboxChanged) saveOutbox(this.meetingId, this.userId, this.session.outbox);
    this.publish(this.transport.status);
  }

  /** A saved text is no longer a draft; text typed after it stays one, on top of the new version. */
  private settleDraft(entry: OutboxEntry) {
    const intent = entry.intent;
    const key = intent.kind === 'harvest.save' ? harvestKey(intent.userId) : intent.kind === 'note.save' ? noteKey(intent.itemId) : null;
    if (!key || (intent.kind !== 'harvest.save' && intent.kind !== 'note.save')) return;
    const draft = this.drafts.get(key);
    if (!draft) return;
    if (draft.text === intent.text) this.drafts.set(key, undefined);
    else this.drafts.set(key, { text: draft.text, baseVersion: (intent.baseVersion ?? 0) + 1 });
  }

  private publish(link: LinkStatus) {
    this.snapshot = { ...this.session, link };
    for (const fn of this.listeners) fn();
  }
}

/**
 * What must survive a closed lid, a reload or a server restart: intents not yet answered (the
 * outbox) and text being typed (drafts). Kept in localStorage per meeting and user, so another
 * person signing in on the same laptop does not send or see them.
 */
import type { OutboxEntry } from './sync';

export interface Draft {
  text: string;
  /** The version the text was started from (null: nothing was saved yet). */
  baseVersion: number | null;
}

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown, empty: boolean) {
  try {
    if (empty) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage may be full or blocked: the room still works, only without surviving a reload */
  }
}

const prefix = (meetingId: string, userId: string) => `kring.room.${meetingId}.${userId}`;

function isEntry(e: unknown): e is OutboxEntry {
  const x = e as Partial<OutboxEntry> | null;
  return !!x && typeof x.id === 'string' && typeof x.meetingId === 'string' && typeof x.createdAt === 'number' && !!x.intent && typeof x.intent.kind === 'string';
}

export function loadOutbox(meetingId: string, userId: string): OutboxEntry[] {
  const list = read<unknown[]>(`${prefix(meetingId, userId)}.outbox`, []);
  // Nothing was sent on this page's connections yet.
  return Array.isArray(list) ? list.filter(isEntry).map((e) => ({ ...e, sentOn: null })) : [];
}

export function saveOutbox(meetingId: string, userId: string, outbox: OutboxEntry[]) {
  write(`${prefix(meetingId, userId)}.outbox`, outbox, outbox.length === 0);
}

export const harvestKey = (userId: string) => `harvest:${userId}`;
export const noteKey = (itemId: string) => `note:${itemId}`;

/** Drafts of one meeting for one user, with a subscription per key for the editors. */
export class DraftStore {
  private drafts: Record<string, Draft>;
  private listeners = new Set<() => void>();
  private readonly key: string;

  constructor(meetingId: string, userId: string) {
    this.key = `${prefix(meetingId, userId)}.drafts`;
    const stored = read<Record<string, Draft>>(this.key, {});
    this.drafts = stored && typeof stored === 'object' ? stored : {};
  }

  get(key: string): Draft | undefined {
    return this.drafts[key];
  }

  set(key: string, draft: Draft | undefined) {
    const next = { ...this.drafts };
    if (draft) next[key] = draft;
    else delete next[key];
    this.drafts = next;
    write(this.key, next, Object.keys(next).length === 0);
    for (const fn of this.listeners) fn();
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
}

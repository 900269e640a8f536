import crypto from 'node:crypto';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { RoomEnvelope } from '../../contracts/room-state';

/** The PostgreSQL channel rooms share their events on (see decision 018). */
export const ROOM_CHANNEL = 'kring_room';
/** NOTIFY payloads must stay under 8000 bytes; larger events travel as a pointer and are read back. */
const MAX_INLINE_PAYLOAD = 7000;

/** One connected client in one room. `send` takes an already serialized message (serialized once per broadcast). */
export interface Subscriber {
  send(raw: string): void;
}

/** Runs tasks one after another per key (a room): intents of one room never race inside one process. */
export class KeyedQueue {
  private tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Whether a task for `key` is queued or running. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }
}

interface HubRoom {
  subscribers: Set<Subscriber>;
  /** The last sequence number delivered to this room's subscribers in this process. */
  last: number;
}

/**
 * The rooms of this process and who is connected to them. Delivers every event of a room exactly
 * once and in sequence order to each subscriber: duplicates (our own event coming back through
 * NOTIFY) are dropped, gaps (a missed notification) are filled from the database first.
 */
export class RoomHub {
  private rooms = new Map<string, HubRoom>();
  private queue = new KeyedQueue();

  constructor(
    private readonly load: (meetingId: string, afterSeq: number, upTo?: number) => Promise<RoomEnvelope[]>,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Adds a subscriber. `snapshot` runs inside the room's delivery queue, so no event can slip
   * between the snapshot the subscriber gets and the first event it receives.
   */
  join<S extends { seq: number }>(meetingId: string, subscriber: Subscriber, snapshot: () => Promise<S>, send: (state: S) => void): Promise<void> {
    return this.queue.run(meetingId, async () => {
      const state = await snapshot();
      let room = this.rooms.get(meetingId);
      if (!room || room.subscribers.size === 0) {
        room = { subscribers: new Set(), last: state.seq };
        this.rooms.set(meetingId, room);
      } else if (state.seq > room.last) {
        await this.catchUp(meetingId, room, state.seq);
      }
      room.subscribers.add(subscriber);
      send(state);
    });
  }

  leave(meetingId: string, subscriber: Subscriber) {
    const room = this.rooms.get(meetingId);
    if (!room) return;
    room.subscribers.delete(subscriber);
    if (room.subscribers.size === 0) this.rooms.delete(meetingId);
  }

  /** Delivers an event (ours after commit, or another process's through NOTIFY; `envelope` null means read it back). */
  deliver(meetingId: string, seq: number, envelope: RoomEnvelope | null): Promise<void> {
    // No subscriber here and no join under way: nobody in this process needs it. (While a first
    // join's snapshot is being read, an event committed after that read must wait for the join.)
    if (!this.rooms.has(meetingId) && !this.queue.busy(meetingId)) return Promise.resolve();
    return this.queue.run(meetingId, async () => {
      const room = this.rooms.get(meetingId);
      if (!room || seq <= room.last) return;
      if (envelope && seq === room.last + 1) this.broadcast(room, envelope);
      else await this.catchUp(meetingId, room, seq);
    }).catch((err) => this.log.error({ err, meetingId }, 'room delivery failed'));
  }

  /** After the listener reconnects: notifications may have been missed, so read every room's tail. */
  async resyncAll() {
    await Promise.all(
      [...this.rooms.keys()].map((meetingId) =>
        this.queue.run(meetingId, async () => {
          const room = this.rooms.get(meetingId);
          if (room) await this.catchUp(meetingId, room);
        }),
      ),
    );
  }

  /** How many clients are connected in this process (for the benchmark and health). */
  get connections() {
    let n = 0;
    for (const room of this.rooms.values()) n += room.subscribers.size;
    return n;
  }

  private async catchUp(meetingId: string, room: HubRoom, upTo?: number) {
    for (const envelope of await this.load(meetingId, room.last, upTo)) this.broadcast(room, envelope);
  }

  private broadcast(room: HubRoom, envelope: RoomEnvelope) {
    if (envelope.seq !== room.last + 1) return;
    room.last = envelope.seq;
    const raw = JSON.stringify({ type: 'event', ...envelope });
    for (const s of room.subscribers) s.send(raw);
  }
}

/** What this process writes into NOTIFY: who sent it (to skip our own), the room, the sequence number and, if small, the event. */
export function notifyPayload(processId: string, envelope: RoomEnvelope): string {
  const full = JSON.stringify({ p: processId, m: envelope.meetingId, s: envelope.seq, e: envelope });
  return Buffer.byteLength(full) <= MAX_INLINE_PAYLOAD ? full : JSON.stringify({ p: processId, m: envelope.meetingId, s: envelope.seq });
}

/**
 * Listens on the room channel with its own connection (LISTEN needs one that is not pooled) and
 * hands other processes' events to the hub. Reconnects with backoff; after a reconnect every room
 * catches up from the database, because notifications sent meanwhile are gone.
 */
export class RoomListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly processId: string,
    private readonly hub: RoomHub,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start() {
    await this.connect();
  }

  private async connect() {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (msg) => {
      if (msg.channel !== ROOM_CHANNEL || !msg.payload) return;
      try {
        const { p, m, s, e } = JSON.parse(msg.payload) as { p: string; m: string; s: number; e?: RoomEnvelope };
        if (p !== this.processId) void this.hub.deliver(m, s, e ?? null);
      } catch (err) {
        this.log.warn({ err }, 'unreadable room notification');
      }
    });
    client.on('error', (err) => {
      this.log.warn({ err }, 'room listener connection failed');
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`listen ${ROOM_CHANNEL}`);
      this.client = client;
      if (this.attempt > 0) await this.hub.resyncAll();
      this.attempt = 0;
    } catch (err) {
      this.log.warn({ err }, 'room listener could not connect');
      this.reconnect(client);
    }
  }

  private reconnect(client: pg.Client) {
    if (this.stopped || this.timer || (this.client && this.client !== client)) return;
    this.client = null;
    client.removeAllListeners('end');
    void client.end().catch(() => {});
    const delay = Math.min(10_000, 250 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
    }
  }
}

/** Refusals remembered per room and intent id, so that a retry of a refused intent is refused again (bounded). */
export class RefusalMemory<T> {
  private entries = new Map<string, T>();
  constructor(private readonly max = 10_000) {}

  get(meetingId: string, clientId: string): T | undefined {
    return this.entries.get(`${meetingId}:${clientId}`);
  }

  remember(meetingId: string, clientId: string, refusal: T) {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(`${meetingId}:${clientId}`, refusal);
  }
}

export interface Live {
  processId: string;
  hub: RoomHub;
  /** Intent ids this process refused: a copy of a refused intent that arrives later (a duplicate in flight) must not act. */
  refusals: RefusalMemory<unknown>;
  /** Intents of one room, one at a time in this process. */
  queue: KeyedQueue;
  listener: RoomListener | null;
}

export function createLive(opts: {
  databaseUrl: string | undefined;
  load: (meetingId: string, afterSeq: number, upTo?: number) => Promise<RoomEnvelope[]>;
  log: FastifyBaseLogger;
}): Live {
  const processId = crypto.randomUUID();
  const hub = new RoomHub(opts.load, opts.log);
  return {
    processId,
    hub,
    queue: new KeyedQueue(),
    refusals: new RefusalMemory(),
    listener: opts.databaseUrl ? new RoomListener(opts.databaseUrl, processId, hub, opts.log) : null,
  };
}

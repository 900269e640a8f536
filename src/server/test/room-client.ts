import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { ROOM_SOCKET_PATH } from '../../contracts/room';
import { evolve, type RoomIntent, type RoomServerMessage, type RoomState, type RoomViewer, type RoomEnvelope } from '../../contracts/room-state';

export type IntentResult = Extract<RoomServerMessage, { type: 'ack' | 'rejected' }>;

/**
 * A scripted room client, as the web client behaves: joins, applies events in order with the shared
 * `evolve`, resynchronizes on a gap, and (with `reconnect`) reconnects with backoff and re-sends the
 * intents that were not acknowledged yet, with the same ids.
 */
export class RoomTestClient {
  ws: WebSocket | null = null;
  state: RoomState | null = null;
  me: RoomViewer | null = null;
  /** Every event applied, in order (after resyncs: the ones this client saw). */
  events: RoomEnvelope[] = [];
  messages: RoomServerMessage[] = [];
  errors: Extract<RoomServerMessage, { type: 'error' }>[] = [];
  /** Intents sent and not yet answered, by id (re-sent after a reconnect). */
  pending = new Map<string, { intent: RoomIntent; resolve: (r: IntentResult) => void }>();
  acked = new Map<string, number>();
  private listeners = new Set<() => void>();
  private closedByUs = false;
  connects = 0;

  constructor(
    private readonly opts: { baseUrl: string; cookie?: string; origin?: string | null; meetingId: string; reconnect?: boolean; label?: string },
  ) {}

  /** The label given (for messages). */
  get label(): string {
    return this.opts.label ?? 'client';
  }

  /** Opens the socket and joins; resolves with the first snapshot (rejects when the handshake is refused). */
  async connect(): Promise<void> {
    this.closedByUs = false;
    const url = this.opts.baseUrl.replace(/^http/, 'ws') + ROOM_SOCKET_PATH;
    const headers: Record<string, string> = {};
    if (this.opts.cookie) headers.cookie = this.opts.cookie;
    if (this.opts.origin !== null) headers.origin = this.opts.origin ?? this.opts.baseUrl;
    const ws = new WebSocket(url, { headers });
    this.ws = ws;
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new HandshakeRefused(res.statusCode ?? 0)));
      ws.once('error', reject);
    });
    this.connects++;
    ws.on('message', (data) => this.onMessage(JSON.parse(data.toString()) as RoomServerMessage));
    ws.on('close', () => {
      if (this.ws === ws) this.ws = null;
      if (!this.closedByUs && this.opts.reconnect) void this.reconnectLoop();
    });
    ws.on('error', () => {});
    const snapshot = this.waitFor(() => this.state !== null && this.ws === ws);
    this.rawSend({ type: 'join', meetingId: this.opts.meetingId });
    await snapshot;
    // Intents not answered before the drop go again, with the same ids: the server applies each once.
    for (const [id, p] of this.pending) this.rawSend({ type: 'intent', id, meetingId: this.opts.meetingId, intent: p.intent });
  }

  private async reconnectLoop() {
    this.state = null;
    for (let attempt = 0; !this.closedByUs; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
      try {
        await this.connect();
        return;
      } catch {
        /* server still down: back off and try again */
      }
    }
  }

  rawSend(msg: unknown) {
    // While (re)connecting there is no open socket: an intent stays pending and goes after the next snapshot.
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** Sends an intent and resolves with the server's answer (ack or rejected). */
  send(intent: RoomIntent, id: string = crypto.randomUUID()): Promise<IntentResult> {
    return new Promise((resolve) => {
      this.pending.set(id, { intent, resolve });
      this.rawSend({ type: 'intent', id, meetingId: this.opts.meetingId, intent });
    });
  }

  private onMessage(msg: RoomServerMessage) {
    this.messages.push(msg);
    switch (msg.type) {
      case 'snapshot':
        this.state = msg.state;
        this.me = msg.me;
        break;
      case 'event':
        if (!this.state || msg.seq <= this.state.seq) break;
        if (msg.seq !== this.state.seq + 1) {
          this.rawSend({ type: 'join', meetingId: this.opts.meetingId });
          break;
        }
        this.state = evolve(this.state, msg);
        this.events.push(msg);
        break;
      case 'ack':
      case 'rejected': {
        const p = this.pending.get(msg.id);
        if (msg.type === 'ack') this.acked.set(msg.id, msg.seq);
        if (p) {
          this.pending.delete(msg.id);
          p.resolve(msg);
        }
        break;
      }
      case 'error':
        this.errors.push(msg);
        break;
    }
    for (const l of this.listeners) l();
  }

  /** Resolves when `predicate` holds (checked after every message). */
  waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`${this.opts.label ?? 'client'}: timed out waiting (seq ${this.state?.seq})`));
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      this.listeners.add(check);
    });
  }

  waitForSeq(seq: number, timeoutMs?: number) {
    return this.waitFor(() => (this.state?.seq ?? -1) >= seq, timeoutMs);
  }

  close() {
    this.closedByUs = true;
    this.ws?.close();
    this.ws = null;
  }
}

export class HandshakeRefused extends Error {
  constructor(public readonly status: number) {
    super(`handshake refused with ${status}`);
  }
}

/** Listens on a free loopback port (WebSockets need a real socket, not inject) and returns the base URL. */
export async function listenUrl(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { ROOM_SOCKET_PATH, roomClientMessage } from '../../../contracts/room';
import type { RoomClientMessage, RoomServerMessage } from '../../../contracts/room-state';
import { AppError } from '../../lib/errors';
import { isOwnOrigin } from '../../lib/http';
import { isMessageKey, t, type MessageKey } from '../../i18n/messages';
import type { SessionUser } from '../../plugins/auth';
import type { Subscriber } from '../../plugins/realtime';
import * as service from './room.service';

const HEARTBEAT_MS = 30_000;
/** Pings sent in one go; then the heartbeat yields for 10 ms (see `beat`). */
const PINGS_PER_SLICE = 50;
/** A client that cannot keep up is dropped; it resynchronizes from a snapshot when it comes back. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Messages per connection per 10 seconds. */
const MESSAGE_BUDGET = 200;
/** Messages waiting to be handled per connection; more is a flood, and the connection is closed. */
const MAX_QUEUED = 2 * MESSAGE_BUDGET;

interface Connection extends Subscriber {
  ws: WebSocket;
  cookies: Record<string, string | undefined>;
  user: SessionUser;
  /** meetingId → communityId of the rooms this connection has joined. */
  rooms: Map<string, string>;
  alive: boolean;
  /** The socket has closed: a join still under way must not subscribe it. */
  closed: boolean;
  /** Messages received and not yet handled (a flood is cut off before it fills memory). */
  queued: number;
  chain: Promise<void>;
  budget: { windowStart: number; count: number };
}

function refuseUpgrade(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The live room over WebSockets (decision 018). The handshake checks the Origin and the session
 * cookie; every message after it is checked again: the session must still be valid and the service
 * checks access to the room for each join and intent.
 */
export async function roomSocket(app: FastifyInstance) {
  const ctx = app.ctx;
  const publicOrigin = new URL(ctx.config.publicUrl).origin;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false });
  const connections = new Set<Connection>();

  const send = (conn: Connection, msg: RoomServerMessage) => conn.send(JSON.stringify(msg));
  const message = (conn: Connection, code: string, params: Record<string, string | number> = {}) => {
    const key = `errors.${code}`;
    return t(conn.user.locale, (isMessageKey(key) ? key : 'errors.badRequest') as MessageKey, params);
  };
  const problemOf = (conn: Connection, err: unknown) => {
    if (err instanceof AppError) {
      const fields = err.fields.map((f) => {
        const key = `validation.${f.code}`;
        return isMessageKey(key) ? t(conn.user.locale, key, f.params) : '';
      });
      const text = [message(conn, err.code, err.params), ...fields.filter(Boolean)].join(' ');
      return { status: err.status, code: err.code, message: text, current: err.current };
    }
    ctx.log.error({ err }, 'room message failed');
    return { status: 500, code: 'internal', message: message(conn, 'internal'), current: undefined };
  };

  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void (async () => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== ROOM_SOCKET_PATH) return refuseUpgrade(socket, 404, 'Not Found');
      // Browsers always send Origin on WebSockets; a page on another site must not ride on our cookie.
      const origin = req.headers.origin;
      if (!origin || !isOwnOrigin(origin, publicOrigin, req.headers.host)) return refuseUpgrade(socket, 403, 'Forbidden');
      const cookies = app.parseCookie(req.headers.cookie ?? '');
      const user = await ctx.sessions.resolve(cookies);
      if (!user) return refuseUpgrade(socket, 401, 'Unauthorized');
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, user, cookies));
    })().catch((err) => {
      ctx.log.error({ err }, 'room handshake failed');
      refuseUpgrade(socket, 500, 'Internal Server Error');
    });
  });

  function accept(ws: WebSocket, user: SessionUser, cookies: Record<string, string | undefined>) {
    const conn: Connection = {
      ws,
      cookies,
      user,
      rooms: new Map(),
      alive: true,
      closed: false,
      queued: 0,
      chain: Promise.resolve(),
      budget: { windowStart: Date.now(), count: 0 },
      send(raw: string) {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return void ws.terminate();
        ws.send(raw);
      },
    };
    connections.add(conn);
    ws.on('pong', () => (conn.alive = true));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // More waiting than the budget allows can only be a flood: drop the connection (1008, policy).
      if (++conn.queued > MAX_QUEUED) return void ws.close(1008, 'too many messages');
      // One message at a time per connection: a client's intents are applied in the order it sent them.
      conn.chain = conn.chain
        .then(() => handle(conn, data, isBinary))
        .catch((err) => ctx.log.error({ err }, 'room message failed'))
        .finally(() => conn.queued--);
    });
    ws.on('close', () => {
      conn.closed = true;
      connections.delete(conn);
      for (const meetingId of conn.rooms.keys()) ctx.live.hub.leave(meetingId, conn);
      conn.rooms.clear();
    });
    ws.on('error', () => ws.terminate());
  }

  async function handle(conn: Connection, data: RawData, isBinary: boolean) {
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      parsed = undefined;
    }
    const raw = (parsed ?? {}) as { id?: unknown; meetingId?: unknown; type?: unknown };
    /** Refuses a message not taken in; an intent gets its own answer, so that a client waiting for it does not wait forever. */
    const refuse = (status: number, code: string, text: string) => {
      const meetingId = typeof raw.meetingId === 'string' ? raw.meetingId : null;
      if (raw.type === 'intent' && typeof raw.id === 'string' && meetingId !== null) return send(conn, { type: 'rejected', id: raw.id, meetingId, status, code, message: text });
      return send(conn, { type: 'error', meetingId, status, code, message: text });
    };
    const now = Date.now();
    if (now - conn.budget.windowStart > 10_000) conn.budget = { windowStart: now, count: 0 };
    if (++conn.budget.count > MESSAGE_BUDGET) return refuse(429, 'rateLimited', message(conn, 'rateLimited', { minutes: 1 }));
    const result = roomClientMessage.safeParse(parsed);
    if (!result.success) {
      const fields = result.error.issues.map((i) => (i.code === 'custom' && i.params?.code ? String(i.params.code) : i.code));
      return refuse(422, 'validation', [message(conn, 'validation'), fields.includes('oneWord') ? t(conn.user.locale, 'validation.oneWord') : ''].filter(Boolean).join(' '));
    }
    // The session may have ended (sign-out elsewhere) since the handshake.
    const user = await ctx.sessions.resolve(conn.cookies);
    if (!user) {
      send(conn, { type: 'error', meetingId: null, status: 401, code: 'unauthenticated', message: message(conn, 'unauthenticated') });
      return void conn.ws.close(4401, 'unauthenticated');
    }
    conn.user = user;
    await dispatch(conn, result.data);
  }

  async function dispatch(conn: Connection, msg: RoomClientMessage) {
    switch (msg.type) {
      case 'join':
        try {
          if (conn.rooms.has(msg.meetingId)) ctx.live.hub.leave(msg.meetingId, conn);
          const { communityId } = await service.joinRoom(ctx, conn.user, msg.meetingId, conn, (state, me) =>
            send(conn, { type: 'snapshot', meetingId: msg.meetingId, state, serverTime: ctx.now().toISOString(), me }),
          );
          if (conn.closed) return ctx.live.hub.leave(msg.meetingId, conn);
          conn.rooms.set(msg.meetingId, communityId);
        } catch (err) {
          conn.rooms.delete(msg.meetingId);
          const p = problemOf(conn, err);
          send(conn, { type: 'error', meetingId: msg.meetingId, status: p.status, code: p.code, message: p.message });
        }
        return;
      case 'leave':
        ctx.live.hub.leave(msg.meetingId, conn);
        conn.rooms.delete(msg.meetingId);
        return;
      case 'intent':
        try {
          const { seq } = await service.applyIntent(ctx, conn.user, msg.meetingId, msg.id, msg.intent);
          send(conn, { type: 'ack', id: msg.id, meetingId: msg.meetingId, seq });
        } catch (err) {
          const p = problemOf(conn, err);
          send(conn, { type: 'rejected', id: msg.id, meetingId: msg.meetingId, status: p.status, code: p.code, message: p.message, ...(p.current === undefined ? {} : { current: p.current }) });
        }
        return;
    }
  }

  /** Stops sending a room to a connection that may no longer see it. */
  async function recheckRooms(conn: Connection, communityId?: string) {
    for (const [meetingId, cid] of [...conn.rooms]) {
      if (communityId && cid !== communityId) continue;
      try {
        await service.mayWatch(ctx, conn.user, meetingId);
      } catch (err) {
        ctx.live.hub.leave(meetingId, conn);
        conn.rooms.delete(meetingId);
        const p = problemOf(conn, err);
        send(conn, { type: 'error', meetingId, status: p.status, code: p.code, message: p.message });
      }
    }
  }

  // Someone left the community or changed roles: re-check the rooms watched in this process at once.
  // The circle of a room watched here follows at once (elsewhere: at the next join).
  ctx.events.on('community.membersChanged', async ({ communityId }) => {
    for (const conn of connections) await recheckRooms(conn, communityId);
    const watched = new Map<string, SessionUser>();
    for (const conn of connections) for (const [meetingId, cid] of conn.rooms) if (cid === communityId) watched.set(meetingId, conn.user);
    for (const [meetingId, user] of watched) await service.refreshCircle(ctx, user, meetingId).catch((err) => ctx.log.warn({ err, meetingId }, 'circle sync failed'));
  });

  /**
   * A socket that only listens sends no messages that would re-check it. Every heartbeat its session
   * and rooms are checked again, one connection after another (no burst): a sign-out or a removal
   * in another process stops the events within a heartbeat.
   */
  let sweeping = false;
  async function sweep() {
    if (sweeping) return;
    sweeping = true;
    try {
      for (const conn of [...connections]) {
        if (conn.ws.readyState !== WebSocket.OPEN || conn.rooms.size === 0) continue;
        const user = await ctx.sessions.resolve(conn.cookies);
        if (!user) {
          send(conn, { type: 'error', meetingId: null, status: 401, code: 'unauthenticated', message: message(conn, 'unauthenticated') });
          conn.ws.close(4401, 'unauthenticated');
          continue;
        }
        conn.user = user;
        await recheckRooms(conn);
      }
    } catch (err) {
      ctx.log.warn({ err }, 'room sweep failed');
    } finally {
      sweeping = false;
    }
  }

  /**
   * Pings every connection (one that did not answer the last ping is dropped), then sweeps. In
   * slices with a short pause between them: 1,600 pings in one loop held the event loop ~30 ms and
   * brought 1,600 pongs back at once, which delayed the room events of that moment by up to ~150 ms
   * (npm run bench:room).
   */
  let beating = false;
  async function beat() {
    if (beating) return;
    beating = true;
    try {
      let n = 0;
      for (const conn of [...connections]) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
        if (++n % PINGS_PER_SLICE === 0) await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      beating = false;
    }
    void sweep();
  }

  const heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
  heartbeat.unref();

  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    // 1012: service restart; clients reconnect with backoff.
    for (const conn of connections) conn.ws.close(1012, 'restart');
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    for (const conn of connections) conn.ws.terminate();
  });
}

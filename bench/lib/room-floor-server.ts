/**
 * The floor for the live-room benchmark: a bare `ws` server in its own process, with the same
 * topology and the same messages as Kring's /api/live, and nothing else. A client joins a room; an
 * intent from anyone becomes the next event of that room: the same envelope Kring broadcasts
 * (type, meetingId, seq, at, by, event), serialized once and sent to every socket in the room, and
 * an ack to the sender. No session, no access check, no rules, no database, no state.
 *
 * Run: `node --import tsx bench/lib/room-floor-server.ts <port>`. `by` is the `u` query parameter of
 * the socket URL (Kring knows it from the session cookie).
 */
import http from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';

const port = Number(process.argv[2] ?? 0);
const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/api/health' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"status":"ok"}');
});
// The same options as Kring's socket: no compression, 64 KB messages at most.
const wss = new WebSocketServer({ server, path: '/api/live', maxPayload: 64 * 1024, perMessageDeflate: false });
const rooms = new Map<string, { seq: number; sockets: Set<WebSocket> }>();

type Intent = { kind: string; userId?: string; text?: string; baseVersion?: number | null; turnSeconds?: number | null };

/** The event Kring makes of an intent, field for field (harvest: a version instead of the base version; round: the inputs). */
function eventOf(intent: Intent): object {
  switch (intent.kind) {
    case 'harvest.save':
      return { kind: intent.kind, userId: intent.userId, text: intent.text, version: (intent.baseVersion ?? 0) + 1 };
    case 'round.start':
      return { kind: intent.kind, turnSeconds: intent.turnSeconds ?? null, inputs: {} };
    default:
      return intent;
  }
}

wss.on('connection', (ws, req) => {
  const by = new URL(req.url ?? '/', 'http://floor').searchParams.get('u') ?? '';
  const joined = new Set<string>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { type: string; id?: string; meetingId: string; intent?: Intent };
    let room = rooms.get(msg.meetingId);
    if (!room) rooms.set(msg.meetingId, (room = { seq: 0, sockets: new Set() }));
    if (msg.type === 'join') {
      room.sockets.add(ws);
      joined.add(msg.meetingId);
      ws.send(JSON.stringify({ type: 'snapshot', meetingId: msg.meetingId, state: { meetingId: msg.meetingId, seq: room.seq }, serverTime: new Date().toISOString() }));
    } else if (msg.type === 'intent') {
      const seq = ++room.seq;
      const raw = JSON.stringify({ type: 'event', meetingId: msg.meetingId, seq, at: new Date().toISOString(), by, event: eventOf(msg.intent!) });
      for (const s of room.sockets) if (s.readyState === WebSocket.OPEN) s.send(raw);
      ws.send(JSON.stringify({ type: 'ack', id: msg.id, meetingId: msg.meetingId, seq }));
    }
  });
  ws.on('close', () => {
    for (const meetingId of joined) rooms.get(meetingId)?.sockets.delete(ws);
  });
  ws.on('error', () => ws.terminate());
});

// Experiment (not the floor's default): FLOOR_HEARTBEAT_MS pings every socket in one loop, as Kring's heartbeat does.
const heartbeatMs = Number(process.env.FLOOR_HEARTBEAT_MS ?? 0);
if (heartbeatMs > 0) setInterval(() => {
  for (const ws of wss.clients) ws.ping();
}, heartbeatMs).unref();

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`floor listening on ${typeof address === 'object' && address ? address.port : port}`);
});
process.on('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
});

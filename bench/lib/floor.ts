import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';

/** The same data GET /api/communities/:id shows, in one query: the community, its network, its members. */
export const FLOOR_SQL = `
select c.id, c.network_id, n.name as network_name, c.name, c.topic, c.question, c.ambition, c.end_product,
       c.end_product_variants, c.phase, c.includes_parents, c.first_groups, c.version, c.updated_at,
       coalesce(json_agg(json_build_object(
         'id', m.id, 'userId', u.id, 'name', u.name, 'email', u.email, 'organisationId', m.organisation_id,
         'organisationName', o.name, 'stakeholderGroup', m.stakeholder_group, 'roles', m.roles, 'joinedAt', m.joined_at
       ) order by u.name) filter (where m.id is not null), '[]') as members
  from communities c
  join networks n on n.id = c.network_id
  left join community_members m on m.community_id = c.id
  left join "user" u on u.id = m.user_id
  left join organisations o on o.id = m.organisation_id
 where c.id = $1
 group by c.id, n.name`;

/**
 * Runs the floor's statement: on PostgreSQL as a named prepared statement, exactly as Kring's own
 * hot paths run theirs (src/server/db/client.ts `hot`), so neither side gets a cheaper protocol.
 */
export type RawClient = (name: string, text: string, params: unknown[], mode?: RowMode) => Promise<{ rows: unknown[] }>;

/**
 * objects: rows as objects, every type parsed (JSON of one row, as the community floor answers).
 * arrays: rows as arrays with timestamps and dates left as text, which is how Drizzle asks the
 * driver for rows; the floor then pays for the same driver work as the target and nothing more.
 */
export type RowMode = 'objects' | 'arrays';
const ARRAY_TYPES_KEPT_AS_TEXT = [1082, 1114, 1184, 1186]; // date, timestamp, timestamptz, interval

/** A RawClient on a pg pool: named prepared statements, as Kring's `hot` runs them. */
export function pgRawClient(pool: { query(config: object): Promise<{ rows: unknown[] }> }): RawClient {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      ARRAY_TYPES_KEPT_AS_TEXT.includes(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text'),
  };
  return (name, text, values, mode = 'objects') =>
    pool.query(mode === 'arrays' ? { name, text, values, rowMode: 'array', types } : { name, text, values });
}

/** A RawClient on the server's own PGlite instance. */
export function pgliteRawClient(client: { query(t: string, p: unknown[], o?: object): Promise<{ rows: unknown[] }> }): RawClient {
  const parsers = Object.fromEntries(ARRAY_TYPES_KEPT_AS_TEXT.map((oid) => [oid, (v: string) => v]));
  return (_name, text, values, mode = 'objects') => client.query(text, values, mode === 'arrays' ? { rowMode: 'array', parsers } : undefined);
}

/** A statement the floor runs as is, under a name: e.g. the SQL an endpoint was seen to run (see capture.ts). */
export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * The floor: a bare Fastify app whose routes each run one raw query, no session, no access check, no
 * validation. What the full stack costs is measured against this.
 *
 * - `/floor/:id`: FLOOR_SQL for a community, its one row as JSON.
 * - `/stmt/:name`: a registered statement with its recorded values, all rows (as arrays) in one
 *   JSON array (Fastify's default JSON.stringify), so the floor still reads and sends every row.
 */
export async function startFloor(
  client: RawClient,
  statements: Record<string, Statement> = {},
): Promise<{ app: FastifyInstance; url: (id: string) => string; statementUrl: (name: string) => string }> {
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/floor/:id', async (req, reply) => {
    const { rows } = await client('kring_bench_floor', FLOOR_SQL, [req.params.id]);
    if (rows.length === 0) return reply.code(404).send({ error: 'not found' });
    return rows[0];
  });
  app.get<{ Params: { name: string } }>('/stmt/:name', async (req, reply) => {
    const s = statements[req.params.name];
    if (!s) return reply.code(404).send({ error: 'no such statement' });
    const { rows } = await client(`kring_bench_${req.params.name}`, s.text, s.values, 'arrays');
    return rows;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, url: (id) => `http://127.0.0.1:${port}/floor/${id}`, statementUrl: (name) => `http://127.0.0.1:${port}/stmt/${name}` };
}

import Fastify, { type FastifyInstance } from 'fastify';

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
export type RawClient = (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>;

/**
 * The floor: a bare Fastify app with one route and one raw query, no session, no access check, no
 * validation. What the full stack costs is measured against this.
 */
export async function startFloor(client: RawClient): Promise<{ app: FastifyInstance; url: (id: string) => string }> {
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/floor/:id', async (req, reply) => {
    const { rows } = await client(FLOOR_SQL, [req.params.id]);
    if (rows.length === 0) return reply.code(404).send({ error: 'not found' });
    return rows[0];
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, url: (id) => `http://127.0.0.1:${port}/floor/${id}` };
}

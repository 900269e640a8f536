/**
 * Part 5 data: one network of N communities with five years of monthly meetings, straight into
 * PostgreSQL with set-based SQL (INSERT … SELECT over generate_series, no COPY, nothing dropped), so
 * 5,000 communities take minutes. Every row is derived from (community, meeting, member) numbers by
 * hashing, so the same N gives the same data every run, and ids are derived the same way (a v4-shaped
 * uuid from an md5), which lets each statement find the rows it refers to without a lookup table.
 *
 * Per community: 8 members (the chair first) from 3 organisations of the network and 5 stakeholder
 * groups, two of them joined later; 60 meetings, one a month over the last five years, 8 % cancelled,
 * chaired mostly by the chair (sometimes by two others, now and then by nobody), programme of 4 items
 * (some titles share words with the ambition) published for most; answers and presence (present ≈ 80 %,
 * 5 % of meetings without recorded presence); a harvest from ≈ 98 % of those present (≈ 5.4 per held
 * meeting), a check-out (1–5) from ≈ 92 % of them; ≈ 0.85 input per meeting; a proposal every third
 * meeting with ≈ 5.6 responses and ≈ 2 comments and replies; two closed evaluations a year with ≈ 6
 * answers (no snapshot yet: the first community view settles them); a revised ambition in ≈ 30 % of
 * communities; hours per month stated by a third of the members. About 500 contributions per
 * community (harvests, input, responses, comments: what the monitor counts as voice).
 *
 * The history (meetings and everything hanging off them) is written month by month for all
 * communities at once, so a community's rows lie scattered over the tables as in a database that
 * grew for five years.
 */
import pg from 'pg';

export interface MonitorSeedOptions {
  communities: number;
  /** "Now" for the data: meetings end in the month before it. */
  anchor: Date;
  /** Communities per chunk of statements (progress is logged per chunk). */
  chunk?: number;
  /** Connections seeding chunks in parallel. */
  workers?: number;
  log?: (msg: string) => void;
}

export interface MonitorSeeded {
  networkId: string;
  organisations: number;
  communityIds: string[];
  counts: Record<string, number>;
  /** meetings, and contributions = harvests + input + proposal responses + comments (what the monitor counts as voice). */
  meetings: number;
  contributions: number;
  seedMs: number;
  vacuumMs: number;
}

export const MEMBERS_PER_COMMUNITY = 8;
export const MEETINGS_PER_COMMUNITY = 60;
export const EVALUATIONS_PER_COMMUNITY = 10;
const ZONE = 'Europe/Amsterdam';

/** Session-local helpers (temporary functions, gone with the connection). */
const HELPERS = [
  // A v4-shaped uuid from any text (z.string().uuid() checks version and variant).
  `create or replace function pg_temp.bid(t text) returns uuid language sql immutable as
     $$ select (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid from (select md5('kring-bench-monitor:' || t) as h) x $$`,
  // 0–99 from any text: the dice of this data set.
  `create or replace function pg_temp.h(t text) returns int language sql immutable as $$ select abs(hashtext(t)) % 100 $$`,
];

const THEMES = ['leesonderwijs', 'rekenvaardigheid', 'ouderbetrokkenheid', 'pestgedrag', 'taalontwikkeling', 'schoolverzuim', 'overstap', 'zorgstructuur'];
const FIRST = ['Anna', 'Bram', 'Chantal', 'Daan', 'Esra', 'Fleur', 'Gijs', 'Hanna', 'Ilse', 'Jesse', 'Karim', 'Lotte', 'Mees', 'Noor', 'Omar', 'Pien'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'El Amrani', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Yilmaz', 'Bos', 'Vos'];
const GROUPS = ['school', 'parent', 'care', 'school', 'college', 'parent', 'care', 'school'];
const ORG_TYPES = ['primarySchool', 'primarySchool', 'youthCare', 'parentsCouncil', 'teacherCollege', 'schoolBoard'];
const WORDS = ['fijn', 'nuttig', 'open', 'rommelig', 'energiek', 'lang', 'helder', 'moe', 'inspirerend', 'gezellig'];

const arr = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]`;
/** Expressions shared by the statements; `c` is the community number, `k` the member (0 = chair), `mi` the meeting (1–60). */
const theme = `(${arr(THEMES)})[1 + c % ${THEMES.length}]`;
const userId = (k: string) => `('mon-' || c || '-' || ${k})`;
const orgId = (k: string) => `pg_temp.bid('o-' || ((c * 3 + ${k} % 3) % $O))`;
const group = (k: string) => `(${arr(GROUPS)})[1 + ${k}]`;
const communityId = `pg_temp.bid('c-' || c)`;
const meetingId = `pg_temp.bid('m-' || c || '-' || mi)`;
const createdAt = `(date_trunc('month', $A::timestamptz) - interval '61 months' - make_interval(days => c % 28))`;
/** Two of the eight joined later (3 years and 1 year ago). */
const joinedAt = (k: string) => `(case when ${k} = 6 then $A::timestamptz - interval '3 years' when ${k} = 7 then $A::timestamptz - interval '1 year' - make_interval(days => c % 60) else ${createdAt} end)`;
const dice = (tag: string, ...parts: string[]) => `pg_temp.h('${tag}' || ${parts.map((p) => `${p}::text`).join(" || '-' || ")})`;
/** Attended (present, or said yes where presence was not recorded): the same dice everywhere. */
const attended = `(${dice('p', 'c', 'mi', 'k')} < 80)`;

/** Statements run per range of communities, after users and network members. */
const PER_COMMUNITY = ['communities', 'community_members', 'community_revisions', 'evaluations', 'evaluation_participations', 'evaluation_answers'];
/** Statements run per range of months (meetings 1–60), for all communities. */
const HISTORY = ['meetings', 'attendance', 'agenda_items', 'harvests', 'check_outs', 'meeting_inputs', 'proposals', 'proposal_responses', 'proposal_comments'];

function statements(): { name: string; sql: string }[] {
  // $1, $2: the chunk's first and last community (or month, for HISTORY); $N network id; $O organisations; $A anchor; $C communities.
  return [
    {
      name: 'users',
      sql: `insert into "user" (id, name, email, email_verified, created_at, updated_at)
        select ${userId('k')}, (${arr(FIRST)})[1 + (c * 8 + k) % ${FIRST.length}] || ' ' || (${arr(LAST)})[1 + (c * 5 + k * 7) % ${LAST.length}],
               'mon-' || c || '-' || k || '@example.test', true, ${createdAt}, ${createdAt}
          from generate_series($1::int, $2::int) c cross join generate_series(0, 7) k`,
    },
    {
      name: 'network_members',
      sql: `insert into network_members (network_id, user_id, created_at)
        select $N::uuid, ${userId('k')}, ${createdAt} from generate_series($1::int, $2::int) c cross join generate_series(0, 7) k`,
    },
    {
      name: 'communities',
      sql: `insert into communities (id, network_id, name, topic, question, ambition, end_product, phase, chair_mode, fixed_chair_user_id, created_by, created_at, updated_at)
        select ${communityId}, $N::uuid, 'Kring ' || lpad(c::text, 5, '0') || ' ' || initcap(${theme}), initcap(${theme}),
               case when ${dice('q', 'c')} < 10 then '' else 'Hoe versterken we ' || ${theme} || ' samen met ouders?' end,
               'Samen werken aan ' || ${theme} || ' in de wijk, met ouders, leerkrachten en zorg',
               case when ${dice('e', 'c')} < 20 then 'Een handreiking' else 'Een handreiking over ' || ${theme} || ' voor scholen en ouders' end,
               'active', 'fixed', ${userId('0')}, ${userId('0')}, ${createdAt}, ${createdAt}
          from generate_series($1::int, $2::int) c`,
    },
    {
      name: 'community_members',
      sql: `insert into community_members (network_id, community_id, user_id, organisation_id, stakeholder_group, roles, hours_per_month, time_official, joined_at)
        select $N::uuid, ${communityId}, ${userId('k')}, ${orgId('k')}, ${group('k')},
               case when k = 0 then '["member","chair"]'::jsonb else '["member"]'::jsonb end,
               case when (c + k) % 3 = 0 then 2 + (c + k) % 7 end, case when (c + k) % 3 = 0 then (c + k) % 2 = 0 end,
               ${joinedAt('k')}
          from generate_series($1::int, $2::int) c cross join generate_series(0, 7) k`,
    },
    {
      name: 'community_revisions',
      sql: `insert into community_revisions (network_id, community_id, field, before, after, changed_by, changed_at)
        select $N::uuid, ${communityId}, 'ambition', to_jsonb('Iets met ' || ${theme}), to_jsonb('Samen werken aan ' || ${theme} || ' in de wijk, met ouders, leerkrachten en zorg'),
               ${userId('0')}, ${createdAt} + interval '2 years'
          from generate_series($1::int, $2::int) c where ${dice('rev', 'c')} < 30`,
    },
    {
      name: 'meetings',
      sql: `insert into meetings (id, network_id, community_id, title, starts_at, ends_at, time_zone, status, cancel_reason, input_deadline,
                                  chair_user_id, agenda_started_at, programme_published_at, minutes_published_at, created_at, updated_at)
        select ${meetingId}, $N::uuid, ${communityId}, 'Bijeenkomst', s, s + interval '2 hours', '${ZONE}',
               case when x then 'cancelled' else 'planned' end, case when x then 'Te weinig aanmeldingen' end, s - interval '3 days',
               case when ch < 60 then ${userId('0')} when ch < 80 then ${userId('1')} when ch < 95 then ${userId('2')} end,
               case when not x then s end, case when not x and ${dice('pp', 'c', 'mi')} < 88 then s - interval '6 days' end,
               case when not x then s + interval '2 days' end, s - interval '30 days', s + interval '2 days'
          from generate_series($1::int, $2::int) mi cross join generate_series(1, $C::int) c,
               lateral (select ((date_trunc('month', $A::timestamptz at time zone '${ZONE}') - make_interval(months => ${MEETINGS_PER_COMMUNITY + 1} - mi)
                                 + make_interval(days => c % 20, hours => 19, mins => 30)) at time zone '${ZONE}') as s,
                               ${dice('x', 'c', 'mi')} < 8 as x, ${dice('ch', 'c', 'mi')} as ch) v
         order by mi, c`,
    },
    {
      name: 'attendance',
      sql: `insert into attendance (meeting_id, user_id, network_id, response, present, updated_at)
        select m.id, ${userId('k')}, $N::uuid,
               case when ${dice('p', 'c', 'mi', 'k')} < 85 then 'yes' when ${dice('p', 'c', 'mi', 'k')} < 95 then 'no' end,
               case when m.status = 'planned' and ${dice('rec', 'c', 'mi')} >= 5 then ${attended} end, m.starts_at
          from generate_series($1::int, $2::int) mi cross join generate_series(1, $C::int) c
          join meetings m on m.id = ${meetingId}, generate_series(0, 7) k
         where ${joinedAt('k')} < m.starts_at
         order by mi, c, k`,
    },
    {
      name: 'agenda_items',
      sql: `insert into agenda_items (network_id, meeting_id, position, kind, title, duration_minutes, owner_user_id, updated_at)
        select $N::uuid, ${meetingId}, p, (array['harvestRound', 'discussion', 'productWork', 'checkOut'])[p + 1],
               case p when 0 then 'Oogstronde: wat neem je mee?'
                      when 1 then case when ${dice('a1', 'c', 'mi')} < 50 then 'Casus over ' || ${theme} else 'Vraag uit de praktijk' end
                      when 2 then case when ${dice('a2', 'c', 'mi')} < 40 then 'Handreiking: ' || ${theme} || ' bij ouders' else 'Terugblik op de actiepunten' end
                      else 'Check-out' end,
               (array[20, 40, 45, 10])[p + 1], ${userId('0')}, now()
          from generate_series($1::int, $2::int) mi cross join generate_series(1, $C::int) c, generate_series(0, 3) p
         order by mi, c, p`,
    },
    {
      name: 'harvests',
      sql: `insert into harvests (network_id, community_id, meeting_id, speaker_id, organisation_id, stakeholder_group, written_by, text, created_at, updated_at)
        select $N::uuid, ${communityId}, m.id, ${userId('k')}, ${orgId('k')}, ${group('k')}, ${userId('k')},
               (array['Wat ik meeneem: ', 'Bij ons op school: ', 'Vanuit de zorg: ', 'Als ouder zie ik: '])[1 + k % 4] || ${theme} || ' vraagt om samen kijken',
               m.starts_at + make_interval(mins => 10 + k * 5), m.starts_at + interval '1 hour'
          from generate_series($1::int, $2::int) mi cross join generate_series(1, $C::int) c
          join meetings m on m.id = ${meetingId}, generate_series(0, 7) k
         where m.status = 'planned' and ${joinedAt('k')} < m.starts_at and ${attended} and ${dice('hv', 'c', 'mi', 'k')} < 98
         order by mi, c, k`,
    },
    {
      name: 'check_outs',
      sql: `insert into check_outs (meeting_id, user_id, network_id, community_id, score, word, created_at, updated_at)
        select m.id, ${userId('k')}, $N::uuid, ${communityId},
               case when d < 4 then 1 when d < 12 then 2 when d < 35 then 3 when d < 72 then 4 else 5 end,
               (${arr(WORDS)})[1 + d % ${WORDS.length}], m.starts_at + interval '115 minutes', m.starts_at + interval '115 minutes'
          from generate_series($1::int, $2::int) mi cross join generate_series(1, $C::int) c
          join meetings m on m.id = ${meetingId}, generate_series(0, 7) k, lateral (select ${dice('sc', 'c', 'mi', 'k')} as d) v
         where m.status = 'planned' and ${joinedAt('k')} < m.starts_at and ${attended} and ${dice('co', 'c', 'mi', 'k')} < 92
         order by mi, c, k`,
    },
    {
      name: 'meeting_inputs',
      sql: `insert into meeting_inputs (network_id, meeting_id, author_id, kind, title, body, created_at, updated_at)
        select $N::uuid, m.id, ${userId(`(${dice('ia', 'c', 'mi')} % 6)`)}, (array['topic', 'question', 'practice', 'wish'])[1 + mi % 4],
               'Input over ' || ${theme}, 'Een voorbeeld uit de praktijk.', m.starts_at - interval '5 days', m.starts_at - interval '5 days'
          from generate_series($1::int, $2::int) mi cross join generate_series(1, $C::int) c
          join meetings m on m.id = ${meetingId}
         where ${dice('in', 'c', 'mi')} < 85
         order by mi, c`,
    },
    {
      name: 'proposals',
      sql: `insert into proposals (id, network_id, community_id, meeting_id, proposer_id, title, body, process, quorum, closes_at, status, result, closed_at, created_at, updated_at)
        select pg_temp.bid('p-' || c || '-' || mi), $N::uuid, ${communityId}, m.id, ${userId('(mi % 6)')},
               case when ${dice('pt', 'c', 'mi')} < 50 then 'Voorstel: ' || ${theme} || ' op de agenda van de teams' else 'Voorstel: vaste avond voor de bijeenkomsten' end,
               'We stellen voor om dit het komende halfjaar te proberen.', case when mi % 2 = 0 then 'consent' else 'consensus' end, 'groups',
               v.t + interval '14 days', case when v.t + interval '14 days' < $A::timestamptz then 'closed' else 'open' end,
               case when v.t + interval '14 days' < $A::timestamptz then 'passed' end,
               case when v.t + interval '14 days' < $A::timestamptz then v.t + interval '14 days' end, v.t, v.t
          from generate_series($1::int, $2::int) mi cross join generate_series(1, $C::int) c
          join meetings m on m.id = ${meetingId}, lateral (select m.starts_at + interval '1 day' as t) v
         where mi % 3 = 0
         order by mi, c`,
    },
    {
      name: 'proposal_responses',
      sql: `insert into proposal_responses (proposal_id, user_id, network_id, position, reason, round, created_at, updated_at)
        select p.id, ${userId('k')}, $N::uuid,
               case when mi % 2 = 0 then case when ${dice('rp', 'c', 'mi', 'k')} < 5 then 'objection' else 'noObjection' end
                    else case when ${dice('rp', 'c', 'mi', 'k')} < 10 then 'concerns' when ${dice('rp', 'c', 'mi', 'k')} < 20 then 'abstain' else 'agree' end end,
               case when ${dice('rp', 'c', 'mi', 'k')} < 10 then 'Ik zie een bezwaar voor de roosters.' else '' end, 1,
               p.created_at + make_interval(hours => 6 + k * 9), p.created_at + make_interval(hours => 6 + k * 9)
          from generate_series($1::int, $2::int) mi cross join generate_series(1, $C::int) c
          join proposals p on p.id = pg_temp.bid('p-' || c || '-' || mi), generate_series(0, 7) k
         where mi % 3 = 0 and k <> mi % 6 and ${joinedAt('k')} < p.created_at and ${dice('rs', 'c', 'mi', 'k')} < 97
         order by mi, c, k`,
    },
    {
      name: 'proposal_comments',
      // j = 1, 2: comments; j = 3: a reply to the first.
      sql: `insert into proposal_comments (id, network_id, proposal_id, parent_id, author_id, body, created_at)
        select pg_temp.bid('pc-' || c || '-' || mi || '-' || j), $N::uuid, p.id, case when j = 3 then pg_temp.bid('pc-' || c || '-' || mi || '-1') end,
               ${userId(`((mi + j * 3) % 6)`)}, case when j = 3 then 'Goed punt, dat nemen we mee.' else 'Hoe past dit bij de roosters van de scholen?' end,
               p.created_at + make_interval(hours => j * 5)
          from generate_series($1::int, $2::int) mi cross join generate_series(1, $C::int) c
          join proposals p on p.id = pg_temp.bid('p-' || c || '-' || mi), generate_series(1, 3) j
         where mi % 3 = 0 and (j = 1 or (j = 2 and ${dice('c2', 'c', 'mi')} < 60) or (j = 3 and ${dice('c3', 'c', 'mi')} < 50))
         order by mi, c, j`,
    },
    {
      name: 'evaluations',
      sql: `insert into evaluations (id, network_id, community_id, title, opens_at, closes_at, closed_at, open_questions, opened_by, participants, created_at)
        select pg_temp.bid('e-' || c || '-' || e), $N::uuid, ${communityId}, 'Evaluatie ' || e, o, o + interval '14 days', o + interval '14 days',
               '["Wat helpt ons verder?"]'::jsonb, ${userId('0')}, 8, o
          from generate_series($1::int, $2::int) c cross join generate_series(1, ${EVALUATIONS_PER_COMMUNITY}) e,
               lateral (select ${createdAt} + make_interval(months => e * 6) as o) v`,
    },
    {
      name: 'evaluation_participations',
      sql: `insert into evaluation_participations (evaluation_id, user_id, network_id)
        select pg_temp.bid('e-' || c || '-' || e), ${userId('k')}, $N::uuid
          from generate_series($1::int, $2::int) c cross join generate_series(1, ${EVALUATIONS_PER_COMMUNITY}) e, generate_series(0, 7) k
         where ${dice('ev', 'c', 'e', 'k')} < 75`,
    },
    {
      name: 'evaluation_answers',
      // Not linked to the person: the same dice as the participations only decide how many.
      sql: `insert into evaluation_answers (evaluation_id, network_id, scores, open_answers)
        select pg_temp.bid('e-' || c || '-' || e), $N::uuid,
               jsonb_build_object('ambitionClarity', 1 + ${dice('s1', 'c', 'e', 'k')} % 5, 'jointAttention', 2 + ${dice('s2', 'c', 'e', 'k')} % 4,
                                  'equalCommitment', 1 + ${dice('s3', 'c', 'e', 'k')} % 5, 'equivalence', 2 + ${dice('s4', 'c', 'e', 'k')} % 4,
                                  'time', 1 + ${dice('s5', 'c', 'e', 'k')} % 5, 'regularity', 3 + ${dice('s6', 'c', 'e', 'k')} % 3,
                                  'usefulness', 2 + ${dice('s7', 'c', 'e', 'k')} % 4),
               case when k % 2 = 0 then '["Meer tijd voor de casus."]'::jsonb else '[""]'::jsonb end
          from generate_series($1::int, $2::int) c cross join generate_series(1, ${EVALUATIONS_PER_COMMUNITY}) e, generate_series(0, 7) k
         where ${dice('ev', 'c', 'e', 'k')} < 75`,
    },
  ];
}

/**
 * Numbered parameters for the placeholders a statement uses ($1, $2 the chunk: communities or
 * months; $N network, $O organisations, $A anchor, $C communities): PostgreSQL refuses a parameter
 * it cannot type because it is unused.
 */
function bind(text: string, values: Record<string, unknown>): { text: string; values: unknown[] } {
  const order: string[] = [];
  const out = text.replace(/\$(\d+|[NOAC])\b/g, (_, name: string) => {
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return { text: out, values: order.map((name) => values[name]) };
}

export const networkIdSql = `pg_temp.bid('network')`;

/** Seeds the network into `databaseUrl` (migrated, empty). */
export async function seedMonitor(databaseUrl: string, opts: MonitorSeedOptions): Promise<MonitorSeeded> {
  const log = opts.log ?? (() => {});
  const n = opts.communities;
  const chunk = opts.chunk ?? 250;
  const workers = Math.max(1, Math.min(opts.workers ?? 2, Math.ceil(n / chunk)));
  const organisations = Math.max(3, Math.ceil(n / 4));
  const t0 = performance.now();
  const connect = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('set synchronous_commit = off');
    for (const h of HELPERS) await client.query(h);
    return client;
  };
  const main = await connect();
  const clients = [main];
  try {
    const anchor = opts.anchor.toISOString();
    const { rows } = await main.query<{ id: string }>(`select ${networkIdSql} as id`);
    const networkId = rows[0]!.id;
    await main.query(`insert into networks (id, name, description, created_at) values ($1, $2, 'Generated for npm run bench:monitor', $3::timestamptz - interval '62 months')`, [
      networkId,
      `Regio Benchmark (${n} kringen)`,
      anchor,
    ]);
    await main.query(
      `insert into organisations (id, network_id, name, type, created_at)
       select pg_temp.bid('o-' || o), $1::uuid, 'Organisatie ' || lpad(o::text, 5, '0'), (${arr(ORG_TYPES)})[1 + o % ${ORG_TYPES.length}], $3::timestamptz - interval '62 months'
         from generate_series(0, $2::int - 1) o`,
      [networkId, organisations, anchor],
    );
    while (clients.length < workers) clients.push(await connect());

    const list = statements();
    const ranges = (count: number, size: number) => {
      const out: [number, number][] = [];
      for (let lo = 1; lo <= count; lo += size) out.push([lo, Math.min(count, lo + size - 1)]);
      return out;
    };
    // The history goes in month by month for all communities, as it accumulated: a community's
    // rows lie scattered over the tables as in a database that grew for five years (not one
    // community's five years side by side, which would make reading them cheaper than it is).
    const monthsPerChunk = Math.max(1, Math.round((MEETINGS_PER_COMMUNITY * chunk) / n));
    const perStatement = new Map<string, number>();
    const phase = async (label: string, names: string[], chunks: [number, number][], unit: string) => {
      let next = 0;
      let done = 0;
      const run = async (client: pg.Client) => {
        while (next < chunks.length) {
          const [lo, hi] = chunks[next++]!;
          for (const s of list.filter((x) => names.includes(x.name))) {
            const t = performance.now();
            const q = bind(s.sql, { 1: lo, 2: hi, N: networkId, O: organisations, A: anchor, C: n });
            await client.query(q.text, q.values);
            perStatement.set(s.name, (perStatement.get(s.name) ?? 0) + performance.now() - t);
          }
          done++;
        }
      };
      const timer = setInterval(() => log(`seed ${label}: ${done}/${chunks.length} chunks of ${unit}, ${((performance.now() - t0) / 1000).toFixed(0)} s`), 15_000);
      try {
        await Promise.all(clients.map((c) => run(c)));
      } finally {
        clearInterval(timer);
      }
    };
    const byCommunity = ranges(n, chunk);
    await phase('people', ['users', 'network_members'], byCommunity, `${chunk} communities`);
    await phase('communities', PER_COMMUNITY, byCommunity, `${chunk} communities`);
    await phase('history', HISTORY, ranges(MEETINGS_PER_COMMUNITY, monthsPerChunk), `${monthsPerChunk} months`);
    const seedMs = performance.now() - t0;
    log(
      `seed statements (summed over ${workers} connection${workers > 1 ? 's' : ''}): ` +
        [...perStatement].map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', '),
    );

    // A network with five years behind it has been vacuumed and analysed by autovacuum long ago.
    const tv = performance.now();
    await main.query('vacuum analyze');
    const vacuumMs = performance.now() - tv;

    const tables = ['user', 'communities', 'community_members', 'meetings', 'attendance', 'agenda_items', 'harvests', 'meeting_inputs', 'proposals', 'proposal_responses', 'proposal_comments', 'check_outs', 'evaluations', 'evaluation_answers'];
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = Number((await main.query<{ n: string }>(`select count(*) as n from "${t}"`)).rows[0]!.n);
    const { rows: ids } = await main.query<{ id: string }>(`select ${communityId} as id from generate_series(1, $1::int) c order by c`, [n]);
    return {
      networkId,
      organisations,
      communityIds: ids.map((r) => r.id),
      counts,
      meetings: counts.meetings!,
      contributions: counts.harvests! + counts.meeting_inputs! + counts.proposal_responses! + counts.proposal_comments!,
      seedMs,
      vacuumMs,
    };
  } finally {
    for (const c of clients) await c.end().catch(() => {});
  }
}

/** The member (not the chair) of community `c` (1-based) whose account signs in to measure the community view. */
export const memberOf = (c: number) => ({ userId: `mon-${c}-1`, email: `mon-${c}-1@example.test` });

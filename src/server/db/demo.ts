import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../context';
import type { MemberRole, StakeholderGroup } from '../../contracts/enums';
import * as f from './factories';
import { updateRota } from '../features/rota/rota.service';
import { applyIntent, getRoom } from '../features/room/room.service';
import { createProposal, respond, writeOutcome } from '../features/proposals/proposals.service';
import { answerEvaluation, closeEvaluation, createAction, openEvaluation } from '../features/evaluations/evaluations.service';
import { communityMonitor, setMyTime } from '../features/monitor/monitor.service';
import type { RoomIntent } from '../../contracts/room-state';
import type { SessionUser } from '../plugins/auth';
import { agendaItems, communityMembers, meetings } from './schema';

export const DEMO_PASSWORD = 'kring-demo-2026';

export async function isEmpty(ctx: AppContext) {
  const result = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from "user"`);
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0) === 0;
}

type Person = { name: string; email: string; org: string; group: StakeholderGroup; roles?: MemberRole[] };

/**
 * A realistic demo: a cross-organisation network of a teacher college and a school board with
 * three communities, and a primary school's community of parents, staff and youth care.
 */
export async function seedDemo(ctx: AppContext, log: (line: string) => void = () => {}) {
  const accounts: { name: string; email: string; note: string }[] = [];
  const person = async (name: string, email: string, note: string, locale: 'nl' | 'en' = 'nl') => {
    accounts.push({ name, email, note });
    return f.createUser(ctx, { name, email, password: DEMO_PASSWORD, locale });
  };

  const coordinator = await person('Hanneke de Vries', 'coordinator@kring.demo', 'coördinator van beide netwerken');

  // --- Network 1: teacher college + school board ------------------------------------
  const n1 = await f.createNetwork(ctx, coordinator, {
    name: 'Lerend netwerk Pabo Rijnland',
    description: 'Pabo De Horst en Scholengroep Rijnland leren samen in drie PLG’s; het lectoraat volgt ze vijf jaar.',
  });
  const college = await f.createOrganisation(ctx, coordinator, n1.id, { name: 'Pabo De Horst', type: 'teacherCollege' });
  const board = await f.createOrganisation(ctx, coordinator, n1.id, { name: 'Scholengroep Rijnland', type: 'schoolBoard' });
  const lectorate = await f.createOrganisation(ctx, coordinator, n1.id, { name: 'Lectoraat Samen Leren', type: 'university' });
  const orgs1: Record<string, string> = { college: college.id, board: board.id, lectorate: lectorate.id };

  const staff1: Person[] = [
    { name: 'Sanne Bakker', email: 'sanne@kring.demo', org: 'college', group: 'college' },
    { name: 'Youssef El Amrani', email: 'youssef@kring.demo', org: 'college', group: 'college' },
    { name: 'Ingrid Visser', email: 'ingrid@kring.demo', org: 'college', group: 'college' },
    { name: 'Pieter Jansen', email: 'pieter@kring.demo', org: 'board', group: 'school' },
    { name: 'Fatima Ouali', email: 'fatima@kring.demo', org: 'board', group: 'school' },
    { name: 'Lotte Smit', email: 'lotte@kring.demo', org: 'board', group: 'school' },
  ];
  const users1 = [];
  for (const p of staff1) users1.push({ p, u: await person(p.name, p.email, 'lid van de drie PLG’s van het pabo-netwerk') });
  const researcher = await person('Dr. Marieke Hoekstra', 'researcher@kring.demo', 'onderzoeker, volgt de drie PLG’s');

  const topics = [
    {
      name: 'Leesbevordering',
      topic: 'Leesplezier en leesmotivatie',
      question: 'Hoe krijgen we kinderen in groep 5 tot en met 8 weer met plezier aan het lezen?',
      ambition: 'Over drie jaar lezen onze leerlingen elke dag vrij, en leren pabostudenten in de school hoe je leesplezier aanwakkert.',
      endProduct: 'Een leeskist-aanpak met lessenserie voor groep 5–8, voor leerkrachten en pabostudenten.',
      chair: 0,
    },
    {
      name: 'Diep leren',
      topic: 'Betekenisvol en diep leren',
      question: 'Hoe ontwerpen we lessen waarin leerlingen echt nadenken in plaats van alleen doen?',
      ambition: 'Samen een gedeelde taal en praktijk voor diep leren, op de pabo en in de scholen.',
      endProduct: 'Een set van tien voorbeeldlessen met kijkwijzer, voor teams en studenten.',
      chair: 3,
    },
    {
      name: 'Zelfregulatie van leerlingen',
      topic: 'Leerlingen die hun eigen leren sturen',
      question: 'Wat hebben leerlingen nodig om hun eigen leerdoelen te stellen en te bewaken?',
      ambition: 'Leerlingen in onze scholen plannen en evalueren hun eigen werk; studenten leren dit begeleiden.',
      endProduct: 'Vragenkaartjes voor leerlingen (leerling-selfie) en voor teams (team-selfie).',
      chair: 1,
    },
  ];
  const communities1: string[] = [];
  for (const t of topics) {
    const c = await f.createCommunity(ctx, coordinator, n1.id, { ...t, phase: 'active' });
    communities1.push(c.id);
    for (const [i, { p, u }] of users1.entries()) {
      const roles: MemberRole[] = i === t.chair ? ['member', 'chair'] : ['member'];
      await f.addMember(ctx, c, u, { organisationId: orgs1[p.org], stakeholderGroup: p.group, roles });
    }
    await f.addMember(ctx, c, researcher, { organisationId: lectorate.id, stakeholderGroup: 'other', roles: ['researcher'] });
  }

  // --- Network 2: a primary school with parents and youth care -------------------------
  const n2 = await f.createNetwork(ctx, coordinator, {
    name: 'Basisschool De Regenboog en partners',
    description: 'School, ouders en jeugdhulp werken samen rond het kind in de wereld.',
  });
  const school = await f.createOrganisation(ctx, coordinator, n2.id, { name: 'Basisschool De Regenboog', type: 'primarySchool' });
  const cjg = await f.createOrganisation(ctx, coordinator, n2.id, { name: 'CJG Rijnstad', type: 'youthCare' });
  const parents = await f.createOrganisation(ctx, coordinator, n2.id, { name: 'Ouderraad De Regenboog', type: 'parentsCouncil' });
  const media = await f.createCommunity(ctx, coordinator, n2.id, {
    name: 'Mediawijsheid thuis en op school',
    topic: 'Sociale media en mediawijsheid',
    question: 'Hoe bouwen we een doorgaande lijn mediawijsheid voor sociale media, op school én thuis?',
    ambition: 'Ouders, school en CJG geven kinderen samen één duidelijke lijn mee over sociale media.',
    endProduct: 'Een doorgaande leerlijn mediawijsheid plus korte "mediasnacks" voor ouders.',
    phase: 'active',
    includesParents: true,
  });
  const people2: (Person & { orgId: string })[] = [
    { name: 'Ellen Mulder', email: 'ellen@kring.demo', org: '', orgId: school.id, group: 'school', roles: ['member', 'chair'] },
    { name: 'Bram de Boer', email: 'bram@kring.demo', org: '', orgId: school.id, group: 'school' },
    { name: 'Noor Hendriks', email: 'noor@kring.demo', org: '', orgId: school.id, group: 'care' },
    { name: 'Kees van Dijk', email: 'kees@kring.demo', org: '', orgId: cjg.id, group: 'care' },
    { name: 'Amira Yilmaz', email: 'amira@kring.demo', org: '', orgId: parents.id, group: 'parent' },
    { name: 'Joost Peters', email: 'joost@kring.demo', org: '', orgId: parents.id, group: 'parent' },
    { name: 'Linda Vos', email: 'linda@kring.demo', org: '', orgId: parents.id, group: 'parent' },
  ];
  const users2: SessionUser[] = [];
  for (const p of people2) {
    const u = await person(p.name, p.email, `lid van "${media.name}"`);
    await f.addMember(ctx, media, u, { organisationId: p.orgId, stakeholderGroup: p.group, roles: p.roles ?? ['member'] });
    users2.push(u);
  }

  // --- Meetings: a monthly rhythm everywhere, one with a rotating chair ---------------------
  const today = new Date();
  const dateOf = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  await f.createSeries(ctx, coordinator, media.id, {
    startDate: dateOf(-49),
    startTime: '19:30',
    durationMinutes: 120,
    room: 'Teamkamer',
    address: 'Regenbooglaan 4, Rijnstad',
    locationNotes: 'We zitten in een kring; koffie en thee staan klaar.',
  });
  for (const [i, id] of communities1.entries()) {
    await f.createSeries(ctx, coordinator, id, {
      startDate: dateOf(7 + i * 2),
      startTime: '15:30',
      durationMinutes: 90,
      room: i === 0 ? 'Pabo De Horst, lokaal 2.14' : 'Online en op wisselende scholen',
      onlineUrl: i === 0 ? '' : 'https://meet.example.org/kring-demo',
    });
  }
  await updateRota(ctx, coordinator, communities1[0]!, { version: 1, mode: 'rotating' });
  const held = await seedHeldMeeting(ctx, media.id, coordinator, users2);
  await seedDecisions(ctx, media.id, users2, held);
  // Members joined before the meetings they attended (the database stamped them just now), and the
  // chair made a programme for each meeting held so far.
  await ctx.db.update(communityMembers).set({ joinedAt: new Date(ctx.now().getTime() - 120 * 86_400_000) }).where(eq(communityMembers.networkId, n2.id));
  const heldMeetings = await ctx.db
    .update(meetings)
    .set({ programmePublishedAt: sql`${meetings.startsAt} - interval '3 days'`, chairUserId: sql`coalesce(${meetings.chairUserId}, ${users2[0]!.id})` })
    .where(and(eq(meetings.communityId, media.id), lt(meetings.startsAt, ctx.now())))
    .returning({ id: meetings.id });
  for (const m of heldMeetings) {
    const [has] = await ctx.db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, m.id)).limit(1);
    if (has) continue;
    await ctx.db.insert(agendaItems).values([
      { networkId: n2.id, meetingId: m.id, position: 1, kind: 'harvestRound', title: 'Rondje kennisoogst', durationMinutes: 30 },
      { networkId: n2.id, meetingId: m.id, position: 2, kind: 'discussion', title: 'Afspraken over sociale media in groep 5 tot en met 8', durationMinutes: 45 },
      { networkId: n2.id, meetingId: m.id, position: 3, kind: 'productWork', title: 'De doorgaande lijn mediawijsheid: eerste opzet', durationMinutes: 30 },
      { networkId: n2.id, meetingId: m.id, position: 4, kind: 'checkOut', title: 'Check-out', durationMinutes: 10 },
    ]);
  }
  await seedMonitor(ctx, media.id, coordinator, users2);

  log('\nDemo data created. Sign in at the start page with any of these accounts:');
  log(`  password for all: ${DEMO_PASSWORD}   (or ask for a sign-in link; without SMTP it appears in the outbox)`);
  for (const a of accounts) log(`  ${a.email.padEnd(26)} ${a.name} – ${a.note}`);
  log('');
}

const DEMO_HARVESTS = [
  'In groep 7 lieten we kinderen hun eigen schermtijd een week bijhouden; ze schrokken zelf het meest.',
  'Ouders vragen vooral om concrete afspraken: hoe laat de telefoon de slaapkamer uit.',
  'Op de ouderavond werkte een korte "mediasnack" van tien minuten beter dan een lezing.',
  'Het CJG ziet dat groepsapps in de bovenbouw vaak de bron van pesten zijn; afspraken per klas helpen.',
  'Thuis hebben we een gezinsmediaplan gemaakt met de kinderen samen; dat houden ze beter vol.',
  'We willen de leerlijn laten beginnen in groep 5, vóór de eerste eigen telefoon.',
];

/** The last meeting of the community before today, held in the live room: a full harvest round, a pass, a check-out. */
async function seedHeldMeeting(ctx: AppContext, communityId: string, coordinator: SessionUser, people: SessionUser[]) {
  const [past] = await ctx.db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.communityId, communityId), lt(meetings.startsAt, ctx.now())))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  if (!past) return null;
  let n = 0;
  const act = (who: SessionUser, intent: RoomIntent) => applyIntent(ctx, who, past.id, `demo-${String(++n).padStart(4, '0')}`, intent);
  const { state } = await getRoom(ctx, coordinator, past.id);
  const chair = people[0]!;
  if (state.chairUserId !== chair.id) await act(state.chairUserId ? people.find((p) => p.id === state.chairUserId)! : coordinator, { kind: 'chair.handOver', userId: chair.id });
  for (const p of people.slice(0, 6)) await act(chair, { kind: 'presence.set', userId: p.id, present: true });
  await act(chair, { kind: 'presence.set', userId: people[6]!.id, present: false });
  await act(chair, { kind: 'round.start', turnSeconds: 180 });
  let written = 0;
  for (;;) {
    const { state: now } = await getRoom(ctx, chair, past.id);
    const turn = now.round?.turns.find((t) => t.status === 'speaking');
    if (!turn) break;
    const speaker = people.find((p) => p.id === turn.userId)!;
    if (speaker.name.startsWith('Joost')) {
      await act(speaker, { kind: 'turn.pass', userId: speaker.id });
      continue;
    }
    await act(speaker, { kind: 'harvest.save', userId: speaker.id, text: DEMO_HARVESTS[written++ % DEMO_HARVESTS.length]!, baseVersion: null });
    await act(chair, { kind: 'turn.next' });
  }
  await act(chair, { kind: 'checkOut.open' });
  const words = ['inspirerend', 'concreet', 'gezellig', 'eindelijk', 'nuttig', 'samen'];
  for (const [i, p] of people.slice(0, 6).entries()) await act(p, { kind: 'checkOut.submit', score: [4, 5, 4, 3, 5, 4][i]!, word: words[i]! });
  await act(chair, { kind: 'room.close' });
  return past.id;
}

/**
 * Decisions in the media-literacy community: one taken at the held meeting (everyone consented, with an
 * outcome and a review date), one open consensus proposal with a concern, two members still to respond.
 */
async function seedDecisions(ctx: AppContext, communityId: string, people: SessionUser[], meetingId: string | null) {
  const [chair, bram, noor, kees, amira] = people as [SessionUser, SessionUser, SessionUser, SessionUser, SessionUser];
  const taken = await createProposal(ctx, chair, communityId, {
    title: 'Telefoonafspraak per klas vanaf groep 5',
    body: 'Elke klas vanaf groep 5 maakt aan het begin van het schooljaar samen met de ouders één afspraak over telefoons en groepsapps.',
    background: 'Het CJG ziet dat groepsapps in de bovenbouw vaak de bron van pesten zijn; ouders vragen om concrete afspraken.',
    process: 'consent',
    closesAt: null,
    meetingId,
  });
  for (const p of people) await respond(ctx, p, taken.id, { position: 'noObjection', baseVersion: null });
  const review = new Date(ctx.now().getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
  await writeOutcome(ctx, chair, taken.id, {
    version: 0,
    statement: 'Besloten: vanaf groep 5 maakt elke klas met de ouders een telefoonafspraak. De school zorgt voor een voorbeeld, het CJG denkt mee op de eerste ouderavond.',
    reviewDate: review,
  });
  const open = await createProposal(ctx, amira, communityId, {
    title: 'Drie mediasnacks voor ouders dit schooljaar',
    body: 'We maken dit schooljaar drie korte mediasnacks van tien minuten voor de ouderavonden: schermtijd, groepsapps en privacy.',
    background: 'Op de laatste ouderavond werkte een korte mediasnack beter dan een lezing.',
    process: 'consensus',
    closesAt: new Date(ctx.now().getTime() + 10 * 86_400_000).toISOString(),
  });
  await respond(ctx, amira, open.id, { position: 'agree', baseVersion: null });
  await respond(ctx, bram, open.id, { position: 'agree', baseVersion: null });
  await respond(ctx, kees, open.id, { position: 'agree', baseVersion: null });
  await respond(ctx, noor, open.id, { position: 'concerns', reason: 'Drie is veel naast de leerlijn; kunnen we met twee beginnen?', baseVersion: null });
}

/** What a community might first do about each condition when it is the critical factor. */
const DEMO_ACTIONS: Record<string, string> = {
  groupSize: 'Samen bespreken wie er nog aan tafel hoort, en die persoon uitnodigen.',
  regularity: 'Een vaste avond per maand afspreken en de data voor het hele schooljaar vastleggen.',
  time: 'Met de directie en het CJG bespreken dat de bijeenkomsten officieel in de taakuren komen.',
  ambition: 'De ambitie op de volgende bijeenkomst samen opnieuw formuleren en bij elk programmapunt noemen.',
  commitment: 'Per organisatie één vaste vertegenwoordiger afspreken die de bijeenkomsten voorbereidt.',
  equivalence: 'Ouders beginnen de volgende bijeenkomst met hun vragen; de professionals luisteren eerst.',
  endProduct: 'Samen beschrijven wat de leerlijn precies bevat en voor wie de mediasnacks zijn.',
  chairing: 'Het voorzitterschap laten rouleren en het programma een week vooraf delen.',
  presence: 'Afmeldingen vooraf vragen en de bijeenkomst verplaatsen als meer dan twee mensen niet kunnen.',
  usefulness: 'Elke bijeenkomst eindigen met één ding dat ieder de volgende dag in de klas of thuis doet.',
};

/**
 * The conditions monitor of the media-literacy community: members' own time, an evaluation that five
 * members answered (closed, so its aggregate shows), and an improvement action for the critical factor.
 */
async function seedMonitor(ctx: AppContext, communityId: string, coordinator: SessionUser, people: SessionUser[]) {
  const hours: [number, boolean][] = [[6, true], [4, true], [2, false], [3, true], [2, false]];
  for (const [i, [h, official]] of hours.entries()) await setMyTime(ctx, people[i]!, communityId, { hoursPerMonth: h, official });
  const e = await openEvaluation(ctx, coordinator, communityId, {
    title: 'Evaluatie na de eerste bijeenkomsten',
    closesAt: new Date(ctx.now().getTime() + 14 * 86_400_000).toISOString(),
    openQuestions: ['Wat heb je nodig?'],
  });
  const answers: [number[], string][] = [
    [[4, 4, 3, 4, 2, 3, 5], 'Tijd in mijn taakuren.'],
    [[4, 3, 3, 4, 3, 4, 4], ''],
    [[3, 4, 2, 3, 2, 3, 4], 'Dat ouders vaker het woord krijgen.'],
    [[5, 4, 3, 3, 3, 4, 5], 'Een vaste avond.'],
    [[3, 3, 2, 2, 1, 3, 4], 'Een oppas tijdens de bijeenkomst.'],
  ];
  const items = ['ambitionClarity', 'jointAttention', 'equalCommitment', 'equivalence', 'time', 'regularity', 'usefulness'] as const;
  for (const [i, [scores, text]] of answers.entries()) {
    await answerEvaluation(ctx, people[i]!, e.id, { scores: Object.fromEntries(items.map((k, j) => [k, scores[j]!])) as Record<(typeof items)[number], number>, openAnswers: [text] });
  }
  await closeEvaluation(ctx, coordinator, e.id);
  const monitor = await communityMonitor(ctx, people[0]!, communityId);
  const factor = monitor.current.criticalFactor?.condition ?? 'time';
  await createAction(ctx, people[0]!, communityId, {
    condition: factor,
    what: DEMO_ACTIONS[factor] ?? DEMO_ACTIONS.time!,
    ownerUserId: people[0]!.id,
    dueDate: new Date(ctx.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
  });
}

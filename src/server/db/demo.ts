import { sql } from 'drizzle-orm';
import type { AppContext } from '../context';
import type { MemberRole, StakeholderGroup } from '../../contracts/enums';
import * as f from './factories';
import { updateRota } from '../features/rota/rota.service';

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
  for (const p of people2) {
    const u = await person(p.name, p.email, `lid van "${media.name}"`);
    await f.addMember(ctx, media, u, { organisationId: p.orgId, stakeholderGroup: p.group, roles: p.roles ?? ['member'] });
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

  log('\nDemo data created. Sign in at the start page with any of these accounts:');
  log(`  password for all: ${DEMO_PASSWORD}   (or ask for a sign-in link; without SMTP it appears in the outbox)`);
  for (const a of accounts) log(`  ${a.email.padEnd(26)} ${a.name} – ${a.note}`);
  log('');
}

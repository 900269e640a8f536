import { api, assert, makeUser, type Spec } from '../lib/fixtures';
import { dateAhead, inviteAndJoin, seedCommunity } from '../lib/seed';
import { SignUpPage } from '../pages/account.page';
import { ProposalPage, ProposalsPage } from '../pages/proposal.page';
import { RoomPage } from '../pages/room.page';

/**
 * A decision by consensus with three members in three browsers: Anouk proposes; the coordinator,
 * chairing the meeting, puts it on the meeting room's screen and Carla agrees there (every screen
 * shows it); Anouk agrees, Bram (a parent) blocks with a reason; the page says it is blocked and by whom. Anouk amends
 * the proposal: every response needs re-confirmation. All three agree to the new wording, the
 * proposal closes by itself as passed, Anouk writes the outcome with a review date, and the decision
 * appears in the decision log with participation by group. Axe runs on every page and state.
 */
const decisions: Spec = async ({ baseUrl, newPage, newContext, mailbox, axe, step }) => {
  const stamp = Date.now().toString(36);
  const coordinator = makeUser('coordinator');
  const anouk = { email: `anouk-${stamp}@example.test`, name: `Anouk Leerkracht ${stamp}` };
  const bram = { email: `bram-${stamp}@example.test`, name: `Bram Ouder ${stamp}` };
  const carla = { email: `carla-${stamp}@example.test`, name: `Carla IB ${stamp}` };
  const title = `Leesouders in groep 5 ${stamp}`;
  const amendedTitle = `Leesouders in groep 5, met een kennismaking ${stamp}`;
  const coordinatorPage = await newPage();
  const contexts = { anouk: await newContext(), bram: await newContext(), carla: await newContext() };
  const pageOf = async (c: (typeof contexts)[keyof typeof contexts]) => c.pages()[0] ?? (await c.newPage());
  const [anoukPage, bramPage, carlaPage] = [await pageOf(contexts.anouk), await pageOf(contexts.bram), await pageOf(contexts.carla)];
  let communityId = '';
  let proposalId = '';
  let meetingId = '';

  await step('a community with members from a school and the parents is arranged', async () => {
    const signUp = new SignUpPage(coordinatorPage, baseUrl);
    await signUp.goto();
    await signUp.signUp(coordinator);
    const seeded = await seedCommunity(coordinatorPage.context(), baseUrl, {
      network: `Netwerk Lezen ${stamp}`,
      community: `Samen lezen ${stamp}`,
      organisations: [
        { name: `OBS De Leeshoek ${stamp}`, type: 'primarySchool' },
        { name: `Ouderraad De Leeshoek ${stamp}`, type: 'parentsCouncil' },
      ],
    });
    communityId = seeded.communityId;
    const [school, parents] = [seeded.organisations[0]!, seeded.organisations[1]!];
    await inviteAndJoin(coordinatorPage.context(), contexts.anouk, baseUrl, mailbox, communityId, { ...anouk, organisationId: school.id, stakeholderGroup: 'school' });
    await inviteAndJoin(coordinatorPage.context(), contexts.bram, baseUrl, mailbox, communityId, { ...bram, organisationId: parents.id, stakeholderGroup: 'parent' });
    await inviteAndJoin(coordinatorPage.context(), contexts.carla, baseUrl, mailbox, communityId, { ...carla, organisationId: school.id, stakeholderGroup: 'care' });
    meetingId = (await api<{ id: string }>(coordinatorPage.context(), baseUrl, 'POST', `/communities/${communityId}/meetings`, { date: dateAhead(10), startTime: '19:30', durationMinutes: 120 })).id;
  });

  const proposals = new ProposalsPage(anoukPage, baseUrl, communityId);

  await step('Anouk opens a consensus proposal from the community’s decisions tab', async () => {
    await anoukPage.goto(`${baseUrl}/communities/${communityId}`);
    await anoukPage.getByRole('link', { name: 'Besluiten' }).click();
    await anoukPage.getByTestId('new-proposal').waitFor();
    await axe(anoukPage, 'the proposals of a community (empty)');
    await proposals.propose({ title, body: 'Vanaf januari lezen twee ouders elke week met groep 5.', background: 'Uit de oogstronde van november.', process: 'consensus' });
    await axe(anoukPage, 'the new-proposal form');
    proposalId = await proposals.submitProposal();
    await new ProposalPage(anoukPage, baseUrl, communityId, proposalId).loaded();
    await axe(anoukPage, 'a new proposal (proposer)');
  });

  const pageFor = (p: typeof anoukPage) => new ProposalPage(p, baseUrl, communityId, proposalId);
  const [asAnouk, asBram, asCarla] = [pageFor(anoukPage), pageFor(bramPage), pageFor(carlaPage)];

  await step('the chair puts the proposal on the meeting room’s screen; Carla agrees there and every screen shows it', async () => {
    const chairRoom = new RoomPage(coordinatorPage, baseUrl, communityId, meetingId);
    const carlaRoom = new RoomPage(carlaPage, baseUrl, communityId, meetingId);
    await chairRoom.goto();
    await chairRoom.loaded();
    await chairRoom.takeChairIfOffered();
    await coordinatorPage.getByTestId('room-proposal-select').selectOption({ label: title });
    await coordinatorPage.getByTestId('room-proposal-show').click();
    await coordinatorPage.getByTestId('room-proposal-title').filter({ hasText: title }).waitFor();
    await carlaRoom.goto();
    await carlaRoom.loaded();
    await carlaPage.getByTestId('room-proposal-title').filter({ hasText: title }).waitFor();
    await carlaPage.getByTestId('room-proposal').getByTestId('position-agree').check();
    await carlaPage.getByTestId('room-proposal').getByTestId('submit-response').click();
    await coordinatorPage.getByTestId('room-proposal').getByTestId('response-row').filter({ hasText: carla.name }).filter({ hasText: 'Eens' }).waitFor();
    await axe(coordinatorPage, 'the meeting room with a proposal on screen (chair)');
    await axe(carlaPage, 'the meeting room with a proposal on screen (member who responded)');
  });

  await step('Anouk agrees too; Bram blocks with a reason and everyone sees it is blocked', async () => {
    await asAnouk.respond('agree');
    await asAnouk.myResponse().filter({ hasText: 'Eens' }).waitFor();
    await asBram.goto();
    await asBram.loaded();
    // A block without a reason is refused before anything is sent, with the reason field named.
    await asBram.respond('block');
    await bramPage.getByTestId('response-form').getByText(/zeg waarom|reden/i).first().waitFor();
    const reason = 'Ouders moeten eerst kennismaken met de klas, anders voelt het als toezicht.';
    await asBram.respond('block', reason);
    await asBram.myResponse().filter({ hasText: 'Blokkeren' }).waitFor();
    await asBram.standing().filter({ hasText: /blokk/i }).waitFor();
    await axe(bramPage, 'a blocked proposal (the member who blocked)');
    await anoukPage.reload();
    await asAnouk.loaded();
    await asAnouk.standing().filter({ hasText: /blokk/i }).waitFor();
    const rows = await asAnouk.responseRows().allInnerTexts();
    assert(rows.length === 3, `three responses shown, got ${rows.length}`);
    assert(rows.some((r) => r.includes(bram.name) && r.includes(reason)), 'Bram’s block and reason are shown to the proposer');
    await axe(anoukPage, 'a blocked proposal (proposer)');
  });

  await step('Anouk amends the proposal; every response now needs re-confirmation', async () => {
    await asAnouk.amend({ title: amendedTitle, body: 'Vanaf februari lezen twee ouders elke week met groep 5, na een kennismaking in de klas.', note: 'Eerst een kennismaking, na het blok van Bram.' });
    await anoukPage.getByRole('heading', { level: 1, name: amendedTitle }).waitFor();
    await anoukPage.getByTestId('reconfirm-notice').waitFor();
    await axe(anoukPage, 'an amended proposal (re-confirmation asked)');
    await bramPage.reload();
    await asBram.loaded();
    await bramPage.getByTestId('reconfirm-notice').filter({ hasText: 'Eerst een kennismaking' }).waitFor();
    // The room's screen follows the amendment: the new wording, nobody's response counts yet.
    await coordinatorPage.getByTestId('room-proposal-title').filter({ hasText: amendedTitle }).waitFor();
  });

  await step('all three agree to the new wording; the proposal closes by itself as passed', async () => {
    await asBram.respond('agree');
    await asBram.myResponse().filter({ hasText: 'Eens' }).waitFor();
    await asCarla.goto();
    await asCarla.loaded();
    await asCarla.respond('agree');
    await asCarla.myResponse().filter({ hasText: 'Eens' }).waitFor();
    await anoukPage.reload();
    await asAnouk.loaded();
    await asAnouk.respond('agree');
    await anoukPage.getByTestId('outcome-form').waitFor();
    const state = await api<{ status: string; result: string; round: number }>(contexts.anouk, baseUrl, 'GET', `/proposals/${proposalId}`);
    assert(state.status === 'closed' && state.result === 'passed' && state.round === 2, `closed as passed after one amendment, got ${JSON.stringify(state)}`);
  });

  await step('Anouk writes the outcome with a review date; it is in the decision log with participation by group', async () => {
    const statement = `Besloten: leesouders in groep 5 vanaf februari, na een kennismaking ${stamp}.`;
    await asAnouk.writeOutcome(statement, dateAhead(90));
    await axe(anoukPage, 'a closed proposal with its outcome');
    const log = new ProposalsPage(bramPage, baseUrl, communityId);
    await log.gotoLog();
    const entry = log.decisions().filter({ hasText: amendedTitle });
    await entry.filter({ hasText: statement }).waitFor();
    const byOrganisation = await entry.getByRole('table', { name: 'Deelname per organisatie' }).innerText();
    assert(byOrganisation.includes(`Ouderraad De Leeshoek ${stamp}`) && byOrganisation.includes(`OBS De Leeshoek ${stamp}`), `participation by organisation in the log: ${byOrganisation}`);
    const byGroup = await entry.getByRole('table', { name: 'Deelname per belanghebbende' }).innerText();
    assert(/Ouders/.test(byGroup), `participation by stakeholder group in the log: ${byGroup}`);
    await axe(bramPage, 'the decision log');
  });
};

export default decisions;

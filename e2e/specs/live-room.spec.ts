import { api, assert, makeUser, type Spec } from '../lib/fixtures';
import { dateAhead, inviteAndJoin, seedCommunity } from '../lib/seed';
import { SignUpPage } from '../pages/account.page';
import { RoomPage } from '../pages/room.page';

/**
 * The live meeting room with two people in two browsers: the chair opens the room from the meeting
 * page, marks who is present and starts the harvest round with two minutes per turn; the member's
 * screen follows every turn change; the member writes their harvest and the chair sees it appear;
 * the round completes on both screens. Afterwards the harvest is found in the knowledge log by a
 * Dutch word form and the minutes show who had a turn. Axe runs on every state.
 */
interface RoomDto {
  state: { members: { userId: string; name: string }[]; seq: number; harvests: Record<string, { text: string }>; round: { completedAt: string | null } | null };
}

const liveRoom: Spec = async ({ baseUrl, newPage, newContext, mailbox, axe, step }) => {
  const stamp = Date.now().toString(36);
  const chair = makeUser('voorzitter');
  const anouk = { email: `anouk-${stamp}@example.test`, name: `Anouk Leerkracht ${stamp}` };
  const bram = { email: `bram-${stamp}@example.test`, name: `Bram Ouder ${stamp}` };
  const harvest = `De leerlingen lazen elke ochtend tien minuten samen met hun ouders ${stamp}`;
  const chairPage = await newPage();
  const memberContext = await newContext();
  const bramContext = await newContext();
  const memberPage = memberContext.pages()[0] ?? (await memberContext.newPage());
  let communityId = '';
  let meetingId = '';

  await step('a community with two members from two organisations and a meeting is arranged', async () => {
    const signUp = new SignUpPage(chairPage, baseUrl);
    await signUp.goto();
    await signUp.signUp(chair);
    const seeded = await seedCommunity(chairPage.context(), baseUrl, {
      network: `Netwerk Lezen ${stamp}`,
      community: `Samen lezen ${stamp}`,
      organisations: [
        { name: `OBS De Leeshoek ${stamp}`, type: 'primarySchool' },
        { name: `Ouderraad De Leeshoek ${stamp}`, type: 'parentsCouncil' },
      ],
    });
    communityId = seeded.communityId;
    await inviteAndJoin(chairPage.context(), memberContext, baseUrl, mailbox, communityId, { ...anouk, organisationId: seeded.organisations[0]!.id, stakeholderGroup: 'school' });
    await inviteAndJoin(chairPage.context(), bramContext, baseUrl, mailbox, communityId, { ...bram, organisationId: seeded.organisations[1]!.id, stakeholderGroup: 'parent' });
    const meeting = await api<{ id: string }>(chairPage.context(), baseUrl, 'POST', `/communities/${communityId}/meetings`, { date: dateAhead(10), startTime: '19:30', durationMinutes: 120 });
    meetingId = meeting.id;
  });

  const chairRoom = new RoomPage(chairPage, baseUrl, communityId, meetingId);
  const memberRoom = new RoomPage(memberPage, baseUrl, communityId, meetingId);

  await step('the chair opens the meeting room from the meeting page; the member opens it on their own device', async () => {
    await chairPage.goto(`${baseUrl}/communities/${communityId}/meetings/${meetingId}`);
    await chairPage.getByTestId('open-room').first().click();
    await chairPage.waitForURL(/\/room$/);
    await chairRoom.loaded();
    await memberRoom.goto();
    await memberRoom.loaded();
    await chairRoom.takeChairIfOffered();
    await chairRoom.markPresent(anouk.name);
    await chairRoom.markPresent(bram.name);
    // The member's screen shows the same presence as the chair's.
    await memberPage.getByTestId('room-presence').getByText('2 van de 2 aanwezig').waitFor();
    assert(!(await memberRoom.chairControls().isVisible()), 'the member sees the chair controls');
    await axe(chairPage, 'the meeting room (chair, before the round)');
    await axe(memberPage, 'the meeting room (member, before the round)');
  });

  await step('the chair starts the harvest round; the member’s screen follows every turn change', async () => {
    await chairRoom.startRound('2');
    await chairRoom.speakerName().waitFor();
    const first = (await chairRoom.speakerName().innerText()).trim();
    await memberRoom.speakerName().filter({ hasText: first }).waitFor();
    await memberRoom.currentSeat().filter({ hasText: first }).waitFor();
    await memberPage.getByTestId('room-clock').waitFor();
    await axe(memberPage, 'the meeting room during a turn (member)');
    if (!first.includes(anouk.name)) {
      await chairRoom.nextTurn();
      await memberRoom.speakerName().filter({ hasText: anouk.name }).waitFor();
      await chairRoom.speakerName().filter({ hasText: anouk.name }).waitFor();
    }
  });

  await step('the member writes their harvest; the chair sees it appear', async () => {
    await memberRoom.writeHarvest(harvest);
    await chairRoom.harvests().getByText(harvest).waitFor();
    const room = await api<RoomDto>(chairPage.context(), baseUrl, 'GET', `/meetings/${meetingId}/room`);
    const anoukId = room.state.members.find((m) => m.name === anouk.name)!.userId;
    assert(room.state.harvests[anoukId]?.text === harvest, `the stored harvest is ${JSON.stringify(room.state.harvests[anoukId])}`);
    await axe(chairPage, 'the meeting room with a saved harvest (chair)');
  });

  await step('the chair takes the round to the end; both screens show it is complete', async () => {
    for (let i = 0; i < 3; i++) {
      const room = await api<RoomDto>(chairPage.context(), baseUrl, 'GET', `/meetings/${meetingId}/room`);
      if (room.state.round?.completedAt) break;
      await chairRoom.nextTurn();
      await memberPage.waitForFunction(
        async ({ url, seq }) => ((await (await fetch(url)).json()) as { state: { seq: number } }).state.seq > seq,
        { url: `${baseUrl}/api/meetings/${meetingId}/room`, seq: room.state.seq },
      );
    }
    await memberPage.getByTestId('room-round').getByText('Iedereen is aan de beurt geweest.').waitFor();
    await memberPage.getByTestId('room-announcer').filter({ hasText: 'Het rondje kennisoogst is rond' }).waitFor({ state: 'attached' });
    await chairPage.getByTestId('room-round').getByText('Iedereen is aan de beurt geweest.').waitFor();
    await axe(memberPage, 'the meeting room after the round (member)');
  });

  await step('the harvest is in the knowledge log (found by another word form) and the minutes say who had a turn', async () => {
    await memberPage.goto(`${baseUrl}/communities/${communityId}/knowledge`);
    await memberPage.getByRole('heading', { level: 1, name: 'Kennislog' }).waitFor();
    await memberPage.getByTestId('knowledge-search').getByLabel('Zoeken', { exact: true }).fill('leerling ouder');
    await memberPage.getByTestId('knowledge-search-submit').click();
    await memberPage.getByTestId('knowledge-entry').filter({ hasText: stamp }).waitFor();
    await memberPage.getByTestId('knowledge-snippet').locator('mark').first().waitFor();
    await axe(memberPage, 'the knowledge log with a search');
    await chairPage.goto(`${baseUrl}/communities/${communityId}/meetings/${meetingId}/minutes`);
    const voices = chairPage.getByTestId('voices-table');
    await voices.waitFor();
    await voices.getByText(anouk.name).waitFor();
    await axe(chairPage, 'the minutes with the harvest round');
  });
};

export default liveRoom;

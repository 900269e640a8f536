import { assert, makeUser, type Spec } from '../lib/fixtures';
import { dateAhead, inviteAndJoin, seedCommunity } from '../lib/seed';
import { SignUpPage } from '../pages/account.page';
import { MonitorPage } from '../pages/monitor.page';
import { NetworkMonitorPage } from '../pages/network-monitor.page';

/**
 * The conditions monitor with three members in three browsers: the coordinator opens an evaluation
 * on the community's monitor; every member is mailed; Anouk answers from the monitor, Bram from the
 * link in his mail, Carla too — and her answer, the last, closes it. The community sees the
 * aggregate (no names), the critical factor with its reason in words, and records an improvement
 * action for it. The coordinator compares the network's communities in the heat map. Axe runs on
 * every page and state.
 */
const monitor: Spec = async ({ baseUrl, newPage, newContext, mailbox, axe, step }) => {
  const stamp = Date.now().toString(36);
  const coordinator = makeUser('coordinator');
  const anouk = { email: `anouk-${stamp}@example.test`, name: `Anouk Leerkracht ${stamp}` };
  const bram = { email: `bram-${stamp}@example.test`, name: `Bram Ouder ${stamp}` };
  const carla = { email: `carla-${stamp}@example.test`, name: `Carla IB ${stamp}` };
  const community = `Mediawijs ${stamp}`;
  const title = `Evaluatie najaar ${stamp}`;
  const coordinatorPage = await newPage();
  const contexts = { anouk: await newContext(), bram: await newContext(), carla: await newContext() };
  const pageOf = async (c: (typeof contexts)[keyof typeof contexts]) => c.pages()[0] ?? (await c.newPage());
  const [anoukPage, bramPage, carlaPage] = [await pageOf(contexts.anouk), await pageOf(contexts.bram), await pageOf(contexts.carla)];
  let communityId = '';
  let networkId = '';
  let evaluationId = '';

  await step('a community of a school, parents and care is arranged', async () => {
    const signUp = new SignUpPage(coordinatorPage, baseUrl);
    await signUp.goto();
    await signUp.signUp(coordinator);
    const seeded = await seedCommunity(coordinatorPage.context(), baseUrl, {
      network: `Netwerk Mediawijs ${stamp}`,
      community,
      organisations: [
        { name: `OBS De Kring ${stamp}`, type: 'primarySchool' },
        { name: `Ouderraad De Kring ${stamp}`, type: 'parentsCouncil' },
      ],
    });
    communityId = seeded.communityId;
    networkId = seeded.networkId;
    const [school, parents] = [seeded.organisations[0]!, seeded.organisations[1]!];
    await inviteAndJoin(coordinatorPage.context(), contexts.anouk, baseUrl, mailbox, communityId, { ...anouk, organisationId: school.id, stakeholderGroup: 'school' });
    await inviteAndJoin(coordinatorPage.context(), contexts.bram, baseUrl, mailbox, communityId, { ...bram, organisationId: parents.id, stakeholderGroup: 'parent' });
    await inviteAndJoin(coordinatorPage.context(), contexts.carla, baseUrl, mailbox, communityId, { ...carla, organisationId: school.id, stakeholderGroup: 'care' });
  });

  const asCoordinator = new MonitorPage(coordinatorPage, baseUrl, communityId);
  const asAnouk = new MonitorPage(anoukPage, baseUrl, communityId);
  const asBram = new MonitorPage(bramPage, baseUrl, communityId);
  const asCarla = new MonitorPage(carlaPage, baseUrl, communityId);

  await step('the coordinator opens an evaluation from the community’s conditions tab', async () => {
    await coordinatorPage.goto(`${baseUrl}/communities/${communityId}`);
    await coordinatorPage.getByTestId('monitor-tab').click();
    await asCoordinator.root().waitFor();
    await axe(coordinatorPage, 'the conditions monitor of a new community (coordinator)');
    evaluationId = await asCoordinator.openEvaluation({ title, questions: ['Wat heb je nodig?'] });
    await axe(coordinatorPage, 'the monitor with an open evaluation (coordinator)');
  });

  await step('Anouk answers from the monitor; the answers stay hidden while it is open', async () => {
    await asAnouk.goto(communityId);
    await asAnouk.answerEvaluation('the open one', [4, 4, 3, 4, 2, 3, 5], 'Tijd in mijn taakuren');
    await axe(anoukPage, 'the evaluation answered (thank you)');
    await asAnouk.goto();
    assert((await asAnouk.aggregate().count()) === 0, 'no aggregate may show while the evaluation is open');
  });

  await step('Bram follows the link in his mail; Carla answers last, which closes it', async () => {
    const mail = await mailbox.waitFor((m) => m.to.includes(bram.email) && m.text.includes(`/monitor/evaluations/${evaluationId}`), 20_000);
    const link = (mail.text.match(/https?:\/\/[^\s<>"')]+/g) ?? []).find((l) => l.includes(`/monitor/evaluations/${evaluationId}`))!;
    await bramPage.goto(link);
    await bramPage.getByTestId('answer-form').waitFor();
    await axe(bramPage, 'the evaluation answer form');
    await asBram.answerEvaluation(evaluationId, [3, 3, 2, 3, 1, 3, 4], 'Een oppas tijdens de bijeenkomst');
    await asCarla.goto(communityId);
    await asCarla.answerEvaluation('the open one', [4, 3, 3, 3, 2, 4, 4]);
  });

  await step('the community sees the aggregate without names, and the critical factor in words', async () => {
    await asAnouk.goto();
    await asAnouk.aggregate(title).waitFor();
    const aggregate = await asAnouk.aggregateText(title);
    assert(aggregate.includes('Een oppas tijdens de bijeenkomst') && aggregate.includes('Tijd in mijn taakuren'), `the open answers are shown: ${aggregate}`);
    for (const name of [anouk.name, bram.name, carla.name]) assert(!aggregate.includes(name), `the aggregate names nobody, but shows ${name}`);
    const factor = await asAnouk.criticalFactorText();
    assert(factor.length > 20, `the critical factor says what and why: ${factor}`);
    await axe(anoukPage, 'the monitor with a closed evaluation, its aggregate and the critical factor');
  });

  await step('Anouk records an improvement action for the critical factor', async () => {
    const what = `Een vaste avond per maand afspreken ${stamp}`;
    await asAnouk.recordAction({ what, who: bram.name, due: dateAhead(30) });
    const actions = await asAnouk.actionsText();
    assert(actions.includes(what) && actions.includes(bram.name), `the action shows what and who: ${actions}`);
    await axe(anoukPage, 'the monitor with an improvement action');
    await asBram.goto();
    assert((await asBram.actionsText()).includes(what), 'Bram sees the action');
  });

  await step('the coordinator compares the network’s communities in the heat map', async () => {
    const network = new NetworkMonitorPage(coordinatorPage, baseUrl, networkId);
    await network.goto();
    const rows = await network.rows();
    assert(rows.includes(community), `the heat map lists ${community}: ${rows.join(', ')}`);
    // Three participants against the 6–8 band: 100 − 3 × 20 = 40, and the number is in the cell.
    const groupSize = await network.cellText(community, 'Groepsgrootte');
    assert(groupSize.startsWith('40'), `the heat map shows the group-size score: ${groupSize}`);
    const summary = await network.summaryText();
    assert(summary.length > 10, `the heat map has a text summary: ${summary}`);
    await axe(coordinatorPage, 'the network heat map (coordinator)');
    await network.openCommunity(community);
    await asCoordinator.root().waitFor();
  });
};

export default monitor;

import { assert, makeUser, type Spec } from '../lib/fixtures';
import { findLink } from '../lib/mime';
import { SignUpPage } from '../pages/account.page';
import { InvitationsPage, InvitePage, TablePage } from '../pages/communities.page';
import { NetworkPage, NewCommunityPage, NewNetworkPage } from '../pages/networks.page';

/**
 * The core journey, with two people in two browsers: a coordinator signs up, sets up a network and
 * a community, invites a parent by email; the parent joins through the mailed link without a
 * password; the coordinator sees the table change.
 */
const inviteFlow: Spec = async ({ baseUrl, newPage, mailbox, axe, step }) => {
  const coordinator = makeUser('coordinator');
  const parentEmail = `ouder-${Date.now().toString(36)}@example.test`;
  const parentName = `Ouder ${Date.now().toString(36)}`;
  const page = await newPage();
  let networkId = '';
  let communityId = '';
  let seatsBefore = 0;
  let inviteLink = '';

  await step('a coordinator signs up through the form', async () => {
    const signUp = new SignUpPage(page, baseUrl);
    await signUp.goto();
    await axe(page, 'the sign-up page');
    await signUp.signUp(coordinator);
  });

  await step('creates a network with an organisation', async () => {
    const newNetwork = new NewNetworkPage(page, baseUrl);
    await newNetwork.goto();
    networkId = await newNetwork.create('Leernetwerk Oost');
    const network = new NetworkPage(page, baseUrl, networkId);
    await network.addOrganisation('Basisschool De Regenboog', 'Basisschool');
    await axe(page, 'the network page');
  });

  await step('creates an active community', async () => {
    const newCommunity = new NewCommunityPage(page, baseUrl, networkId);
    await newCommunity.goto();
    communityId = await newCommunity.create({
      name: 'Lezen in de wijk',
      question: 'Hoe maken we van lezen iets van de hele wijk?',
      phaseLabel: 'Actief',
    });
    await page.getByRole('heading', { level: 1, name: /Lezen in de wijk/ }).waitFor();
    await axe(page, 'the community overview');
  });

  await step('the table shows the coordinator alone', async () => {
    const table = new TablePage(page, baseUrl, communityId);
    await table.goto();
    seatsBefore = await table.seatCount();
    assert(!(await table.seat(parentName).isVisible()), 'the parent is at the table before being invited');
    await axe(page, 'the table page');
  });

  await step('invites a parent by email', async () => {
    const invitations = new InvitationsPage(page, baseUrl, communityId);
    await invitations.goto();
    await invitations.invite({ email: parentEmail, name: parentName, organisationLabel: 'Basisschool De Regenboog', groupLabel: 'Ouders' });
    await axe(page, 'the invitations page');
    const mail = await mailbox.waitFor((m) => m.to.includes(parentEmail), 15_000);
    assert(mail.subject.length > 0, 'the invitation mail has no subject');
    inviteLink = findLink(mail.text, '/invite/') ?? '';
    assert(inviteLink, `no /invite/ link in the mail:\n${mail.text}`);
    assert(inviteLink.startsWith(baseUrl), `the link ${inviteLink} does not point at ${baseUrl}`);
  });

  await step('the parent joins in a second browser through the mailed link', async () => {
    const parentPage = await newPage();
    const invite = new InvitePage(parentPage, baseUrl, inviteLink);
    await parentPage.goto(inviteLink);
    await parentPage.getByRole('heading', { level: 1 }).first().waitFor();
    await axe(parentPage, 'the invitation page');
    await invite.join(parentName);
    await parentPage.getByRole('heading', { level: 1, name: /Lezen in de wijk/ }).waitFor();
  });

  await step('the coordinator sees the parent at the table', async () => {
    const table = new TablePage(page, baseUrl, communityId);
    // Live update when the page listens for events; otherwise a reload shows it.
    const live = await table.seat(parentName).waitFor({ timeout: 3000 }).then(() => true, () => false);
    if (!live) await table.goto();
    await table.seat(parentName).waitFor();
    const seatsAfter = await table.seatCount();
    assert(seatsAfter === seatsBefore + 1, `seats went from ${seatsBefore} to ${seatsAfter}, expected +1`);
  });
};

export default inviteFlow;

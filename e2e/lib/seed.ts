/**
 * Arranging data a spec needs but does not test, through the same HTTP API the web app uses: a
 * network with organisations and an active community, and members who join through their mailed
 * invitation link (the link's token, accepted from the member's own browser context, so that the
 * session cookie lands there).
 */
import type { BrowserContext } from 'playwright-core';
import { api, assert } from './fixtures';
import type { Mailbox } from './mailbox';

export interface SeededCommunity {
  networkId: string;
  communityId: string;
  organisations: { id: string; name: string }[];
}

export async function seedCommunity(
  context: BrowserContext,
  baseUrl: string,
  values: { network: string; community: string; question?: string; organisations: { name: string; type: string }[] },
): Promise<SeededCommunity> {
  const network = await api<{ id: string }>(context, baseUrl, 'POST', '/networks', { name: values.network });
  const organisations: SeededCommunity['organisations'] = [];
  for (const o of values.organisations) {
    const created = await api<{ id: string; name: string }>(context, baseUrl, 'POST', `/networks/${network.id}/organisations`, o);
    organisations.push({ id: created.id, name: created.name });
  }
  const community = await api<{ id: string }>(context, baseUrl, 'POST', `/networks/${network.id}/communities`, {
    name: values.community,
    question: values.question,
    phase: 'active',
  });
  return { networkId: network.id, communityId: community.id, organisations };
}

/** The first /invite/ link mailed to `email` that is not one of `seen`. */
export async function invitationLink(mailbox: Mailbox, email: string, seen: string[] = []): Promise<string> {
  const linkIn = (text: string) => (text.match(/https?:\/\/[^\s<>"')]+/g) ?? []).find((l) => l.includes('/invite/') && !seen.includes(l));
  const mail = await mailbox.waitFor((m) => m.to.includes(email) && !!linkIn(m.text), 20_000);
  return linkIn(mail.text)!;
}

/**
 * Invites someone by email (as the signed-in coordinator of `coordinator`) and lets them join from
 * `member`, their own browser context: a new account, signed in there.
 */
export async function inviteAndJoin(
  coordinator: BrowserContext,
  member: BrowserContext,
  baseUrl: string,
  mailbox: Mailbox,
  communityId: string,
  person: { email: string; name: string; organisationId?: string; stakeholderGroup?: string; roles?: string[]; locale?: 'nl' | 'en' },
): Promise<{ userId: string }> {
  await api(coordinator, baseUrl, 'POST', `/communities/${communityId}/invitations`, {
    email: person.email,
    name: person.name,
    organisationId: person.organisationId ?? null,
    stakeholderGroup: person.stakeholderGroup ?? 'school',
    ...(person.roles ? { roles: person.roles } : {}),
    ...(person.locale ? { locale: person.locale } : {}),
  });
  const link = await invitationLink(mailbox, person.email);
  const token = new URL(link).pathname.split('/').pop()!;
  const joined = await api<{ communityId: string; signedIn: boolean }>(member, baseUrl, 'POST', '/invitations/accept', {
    token,
    name: person.name,
    acceptPrivacy: true,
  });
  assert(joined.communityId === communityId, `${person.email} joined ${joined.communityId}, not ${communityId}`);
  assert(joined.signedIn, `${person.email} is not signed in after joining`);
  const me = await api<{ id: string }>(member, baseUrl, 'GET', '/me');
  return { userId: me.id };
}

/** A local date (YYYY-MM-DD) at least `days` from today, on a day of the month up to 28 (every month has it, and it is never a fifth weekday). */
export function dateAhead(days: number, from = new Date()): string {
  const d = new Date(Date.UTC(from.getFullYear(), from.getMonth(), from.getDate() + days));
  while (d.getUTCDate() > 28) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

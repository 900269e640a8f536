import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { queueMail } from '../../lib/jobs';
import { renderMail } from '../../lib/mailer';
import { t, type MessageKey } from '../../i18n/messages';
import type { Locale, NotificationKind } from '../../../contracts/enums';
import type { ProposalResult } from '../../../contracts/decision-rules';
import type { ParticipationView } from '../../../contracts/decisions';
import type { ProposalRecipient, ProposalRow } from './proposals.repository';

const asLocale = (l: string): Locale => (l === 'en' ? 'en' : 'nl');

export type ProposalMail = 'proposalOpened' | 'proposalReminder' | 'proposalAmended' | 'proposalClosingSoon' | 'proposalClosed' | 'proposalOutcome' | 'decisionReview';

/** The preference that switches each mail off (closing and outcome share one). */
const kindOf: Record<ProposalMail, NotificationKind> = {
  proposalOpened: 'proposalOpened',
  proposalReminder: 'proposalReminder',
  proposalAmended: 'proposalAmended',
  proposalClosingSoon: 'proposalClosingSoon',
  proposalClosed: 'proposalOutcome',
  proposalOutcome: 'proposalOutcome',
  decisionReview: 'decisionReview',
};

export const proposalUrl = (ctx: AppContext, p: Pick<ProposalRow, 'id' | 'communityId'>) => `${ctx.config.publicUrl}/communities/${p.communityId}/proposals/${p.id}`;

function instant(d: Date, locale: Locale, timeZone: string) {
  const tag = locale === 'en' ? 'en-GB' : 'nl-NL';
  return new Intl.DateTimeFormat(tag, { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

function localDate(date: string, locale: Locale) {
  const tag = locale === 'en' ? 'en-GB' : 'nl-NL';
  return new Intl.DateTimeFormat(tag, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
}

const closingLine = (p: ProposalRow, locale: Locale, tz: string) =>
  p.closesAt ? t(locale, 'mail.proposal.closesAt', { when: instant(p.closesAt, locale, tz) }) : t(locale, 'mail.proposal.closesWhenAll');

function participationLines(view: ParticipationView | null, locale: Locale) {
  if (!view) return '';
  const groups = view.stakeholderGroups.map((g) => `- ${t(locale, `group.${g.key}` as MessageKey)}: ${g.responded}/${g.participants}`);
  const orgs = view.organisations.filter((o) => o.key !== '').map((o) => `- ${o.label}: ${o.responded}/${o.participants}`);
  return t(locale, 'mail.proposal.participation', { responded: view.responded, participants: view.participants, lines: [...orgs, ...groups].join('\n') });
}

export interface ProposalMailFacts {
  proposal: ProposalRow;
  communityName: string;
  /** Who did it: the proposer, the steward who reminds. */
  actorName?: string;
  result?: ProposalResult;
  participation?: ParticipationView | null;
  /** Recipients who get the "write the outcome" line (the proposer and the chair). */
  stewards?: Set<string>;
}

/** Queues one of the proposal mails to `to`, in the caller's transaction, respecting each recipient's preferences. */
export async function queueProposalMails(ctx: AppContext, tx: DbOrTx, mail: ProposalMail, to: ProposalRecipient[], f: ProposalMailFacts) {
  const p = f.proposal;
  const url = proposalUrl(ctx, p);
  for (const r of to) {
    if (r.preferences[kindOf[mail]] === false) continue;
    const locale = asLocale(r.locale);
    const params: Record<string, string | number> = {
      name: r.name,
      url,
      community: f.communityName,
      title: p.title,
      body: p.body,
      actor: f.actorName ?? '',
      how: t(locale, `mail.proposal.how.${p.process}` as MessageKey),
      closing: closingLine(p, locale, r.timeZone),
      result: f.result ? t(locale, `mail.proposal.result.${f.result}` as MessageKey) : '',
      participation: participationLines(f.participation ?? null, locale),
      next: f.stewards?.has(r.userId) ? t(locale, 'mail.proposalClosed.writeOutcome') : '',
      statement: p.outcomeStatement ?? '',
      review: p.reviewDate ? t(locale, 'mail.proposalOutcome.review', { date: localDate(p.reviewDate, locale) }) : '',
      reviewDate: p.reviewDate ? localDate(p.reviewDate, locale) : '',
    };
    const body = renderMail({
      lang: locale,
      text: t(locale, `mail.${mail}.body` as MessageKey, params),
      footer: `${t(locale, 'mail.footer')} ${t(locale, 'mail.preferences', { url: `${ctx.config.publicUrl}/account/notifications` })}`,
      action: { url, label: t(locale, 'mail.proposal.open') },
    });
    await queueMail(tx, { to: r.email, subject: t(locale, `mail.${mail}.subject` as MessageKey, params), ...body, kind: kindOf[mail], networkId: p.networkId }, ctx.now());
  }
}

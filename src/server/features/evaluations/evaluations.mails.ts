import type { Locale } from '../../../contracts/enums';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { t } from '../../i18n/messages';
import { queueMail } from '../../lib/jobs';
import { renderMail } from '../../lib/mailer';
import { communityName, recipients, userNames } from '../proposals/proposals.repository';
import type { EvaluationRow } from './evaluations.repository';

const asLocale = (l: string): Locale => (l === 'en' ? 'en' : 'nl');

export const evaluationUrl = (ctx: AppContext, e: Pick<EvaluationRow, 'id' | 'communityId'>) => `${ctx.config.publicUrl}/communities/${e.communityId}/monitor/evaluations/${e.id}`;

/** Asks every participant of the community to answer (those who switched this mail off excepted). */
export async function queueEvaluationOpened(ctx: AppContext, tx: DbOrTx, e: EvaluationRow) {
  const url = evaluationUrl(ctx, e);
  const community = (await communityName(tx, e.communityId))?.name ?? '';
  const actorName = e.openedBy ? ((await userNames(tx, [e.openedBy])).get(e.openedBy) ?? '') : '';
  for (const r of await recipients(tx, e.communityId)) {
    if (r.preferences.evaluationOpened === false) continue;
    const locale = asLocale(r.locale);
    const closes = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
      timeZone: r.timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(e.closesAt);
    const params = { name: r.name, community, actor: actorName, closes, url };
    const body = renderMail({
      lang: locale,
      text: t(locale, 'mail.evaluationOpened.body', params),
      footer: `${t(locale, 'mail.footer')} ${t(locale, 'mail.preferences', { url: `${ctx.config.publicUrl}/account/notifications` })}`,
      action: { url, label: t(locale, 'mail.evaluation.open') },
    });
    await queueMail(tx, { to: r.email, subject: t(locale, 'mail.evaluationOpened.subject', params), ...body, kind: 'evaluationOpened', networkId: e.networkId }, ctx.now());
  }
}

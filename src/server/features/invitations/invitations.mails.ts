import type { AppContext } from '../../context';
import { renderMail } from '../../lib/mailer';
import { t } from '../../i18n/messages';
import type { Locale } from '../../../contracts/enums';
import { INVITATION_DAYS } from './invitations.policy';

export async function sendInvitationMail(
  ctx: AppContext,
  opts: {
    to: string;
    name: string;
    locale: string;
    token: string;
    communityName: string;
    networkName: string;
    inviterName: string | null;
    message: string;
    networkId: string;
  },
) {
  const locale: Locale = opts.locale === 'en' ? 'en' : 'nl';
  const url = `${ctx.config.publicUrl}/invite/${opts.token}`;
  const fallbackInviter = locale === 'en' ? 'The coordinator' : 'De coördinator';
  const text = t(locale, 'mail.invitation.body', {
    name: opts.name || (locale === 'en' ? 'there' : ''),
    inviter: opts.inviterName ?? fallbackInviter,
    community: opts.communityName,
    network: opts.networkName,
    message: opts.message ? `"${opts.message}"\n\n` : '',
    days: INVITATION_DAYS,
    url,
  }).replace('Hallo ,', 'Hallo,');
  const body = renderMail({ lang: locale, text, footer: t(locale, 'mail.footer'), action: { url, label: t(locale, 'mail.invitation.button') } });
  await ctx.mailer.send({
    to: opts.to,
    subject: t(locale, 'mail.invitation.subject', { community: opts.communityName }),
    ...body,
    kind: 'invitation',
    networkId: opts.networkId,
  });
}

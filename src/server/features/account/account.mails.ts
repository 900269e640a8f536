import type { AppContext } from '../../context';
import { renderMail } from '../../lib/mailer';
import { t } from '../../i18n/messages';
import { findUserByEmail } from './account.repository';
import type { Locale } from '../../../contracts/enums';

export async function sendSignInLinkMail(ctx: AppContext, email: string, url: string) {
  const found = await findUserByEmail(ctx.db, email);
  const locale: Locale = found?.locale === 'en' ? 'en' : 'nl';
  const body = renderMail({
    lang: locale,
    text: t(locale, 'mail.signInLink.body', { url }),
    footer: t(locale, 'mail.footer'),
    action: { url, label: t(locale, 'mail.signInLink.button') },
  });
  await ctx.mailer.send({ to: email, subject: t(locale, 'mail.signInLink.subject'), ...body, kind: 'signInLink' });
}

/** Someone asked for a sign-in link for an address without an account: tell them how to get in. */
export async function sendNoAccountMail(ctx: AppContext, email: string, locale: Locale) {
  const text =
    locale === 'en'
      ? `Hello,\n\nSomeone (probably you) asked for a sign-in link for Kring with this email address, but there is no account with it.\n\nYou can create an account at ${ctx.config.publicUrl}/sign-up, or ask the coordinator of your learning community to invite you.\n\nDid you not ask for this? Then you can ignore this email.`
      : `Hallo,\n\nIemand (waarschijnlijk jij) vroeg een inloglink voor Kring aan met dit e-mailadres, maar er is geen account met dit adres.\n\nJe kunt een account maken op ${ctx.config.publicUrl}/sign-up, of de coördinator van je leergemeenschap vragen je uit te nodigen.\n\nHeb je dit niet aangevraagd? Dan kun je deze e-mail negeren.`;
  const body = renderMail({ lang: locale, text, footer: t(locale, 'mail.footer') });
  await ctx.mailer.send({ to: email, subject: t(locale, 'mail.signInLink.subject'), ...body, kind: 'signInLinkNoAccount' });
}

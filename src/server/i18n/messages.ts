import type { Locale } from '../../contracts/enums';

/**
 * Server-side messages: problem titles, validation messages and mail texts. The web app has
 * its own dictionaries (src/web/i18n); these are the ones the server must render itself.
 */
const nl = {
  'errors.validation': 'Niet alle velden zijn goed ingevuld.',
  'errors.badRequest': 'Dit verzoek kunnen we niet verwerken.',
  'errors.unauthenticated': 'Log eerst in.',
  'errors.forbidden': 'Dat mag je hier niet doen.',
  'errors.notFound': 'Niet gevonden.',
  'errors.conflict': 'Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en probeer het nog eens.',
  'errors.rateLimited': 'Te veel pogingen. Probeer het over {minutes} minuten opnieuw.',
  'errors.csrf': 'Dit verzoek kwam niet van Kring zelf en is geweigerd.',
  'errors.payloadTooLarge': 'Dit is te groot om te versturen.',
  'errors.unsupportedMediaType': 'Stuur de gegevens als JSON.',
  'errors.internal': 'Er ging iets mis aan onze kant. Je invoer is niet verloren; probeer het opnieuw.',
  'errors.invalidCredentials': 'E-mailadres of wachtwoord klopt niet.',
  'errors.emailTaken': 'Er is al een account met dit e-mailadres. Log in, of vraag een inloglink aan.',
  'errors.wrongPassword': 'Het huidige wachtwoord klopt niet.',
  'errors.organisationNameTaken': 'Er is al een organisatie met deze naam in dit netwerk.',
  'errors.organisationInUse': 'Deze organisatie heeft nog leden of uitnodigingen en kan niet worden verwijderd.',
  'errors.alreadyMember': 'Deze persoon zit al in deze gemeenschap.',
  'errors.alreadyInvited': 'Deze persoon heeft al een openstaande uitnodiging.',
  'errors.invitationNotPending': 'Deze uitnodiging staat niet meer open.',
  'errors.invitationExpired': 'Deze uitnodiging is verlopen.',
  'errors.invitationUsed': 'Deze uitnodiging is al gebruikt.',
  'errors.invitationWithdrawn': 'Deze uitnodiging is ingetrokken.',
  'errors.invitationInvalid': 'Deze uitnodigingslink klopt niet.',
  'errors.privacyRequired': 'Ga akkoord met de privacyverklaring om mee te doen.',
  'errors.lastCoordinator': 'Een netwerk heeft minstens één coördinator nodig.',
  'errors.organisationNotInNetwork': 'Deze organisatie hoort niet bij dit netwerk.',
  'errors.mailFailed': 'De uitnodiging is bewaard, maar de e-mail kon niet worden verstuurd. Probeer het straks opnieuw met "Opnieuw versturen".',
  'validation.required': 'Dit veld is verplicht.',
  'validation.tooShort': 'Gebruik minstens {minimum} tekens.',
  'validation.tooLong': 'Gebruik hoogstens {maximum} tekens.',
  'validation.tooFew': 'Kies er minstens {minimum}.',
  'validation.tooMany': 'Kies er hoogstens {maximum}.',
  'validation.invalidEmail': 'Vul een geldig e-mailadres in.',
  'validation.invalidChoice': 'Kies een van de mogelijkheden.',
  'validation.invalidType': 'Deze waarde heeft niet de goede vorm.',
  'validation.unknownField': 'Dit veld kennen we niet.',
  'validation.invalidTimeZone': 'Kies een bestaande tijdzone.',
  'validation.invalid': 'Deze waarde klopt niet.',
  'mail.footer': 'Je krijgt deze e-mail van Kring, het platform voor professionele leergemeenschappen.',
  'mail.signInLink.subject': 'Je inloglink voor Kring',
  'mail.signInLink.body':
    'Hallo,\n\nKlik op de link hieronder om in te loggen bij Kring. De link werkt één keer en is 15 minuten geldig.\n\n{url}\n\nHeb je dit niet aangevraagd? Dan kun je deze e-mail negeren.',
  'mail.signInLink.button': 'Inloggen bij Kring',
  'mail.invitation.subject': 'Uitnodiging voor de leergemeenschap "{community}"',
  'mail.invitation.body':
    'Hallo {name},\n\n{inviter} nodigt je uit om mee te doen aan de professionele leergemeenschap "{community}" in het netwerk "{network}".\n\n{message}Met de link hieronder doe je in één stap mee. Je hebt geen wachtwoord nodig. De link is {days} dagen geldig.\n\n{url}',
  'mail.invitation.button': 'Bekijk de uitnodiging',
  'mail.invitationRenewRequest.subject': '{name} vraagt een nieuwe uitnodiging voor "{community}"',
} as const;

export type MessageKey = keyof typeof nl;

const en: Record<MessageKey, string> = {
  'errors.validation': 'Some fields are not filled in correctly.',
  'errors.badRequest': 'We cannot process this request.',
  'errors.unauthenticated': 'Please sign in first.',
  'errors.forbidden': 'You are not allowed to do that here.',
  'errors.notFound': 'Not found.',
  'errors.conflict': 'Someone else changed this in the meantime. Reload the page and try again.',
  'errors.rateLimited': 'Too many attempts. Try again in {minutes} minutes.',
  'errors.csrf': 'This request did not come from Kring itself and was refused.',
  'errors.payloadTooLarge': 'This is too large to send.',
  'errors.unsupportedMediaType': 'Send the data as JSON.',
  'errors.internal': 'Something went wrong on our side. Your input is not lost; please try again.',
  'errors.invalidCredentials': 'Email address or password is incorrect.',
  'errors.emailTaken': 'There already is an account with this email address. Sign in, or ask for a sign-in link.',
  'errors.wrongPassword': 'The current password is incorrect.',
  'errors.organisationNameTaken': 'This network already has an organisation with this name.',
  'errors.organisationInUse': 'This organisation still has members or invitations and cannot be removed.',
  'errors.alreadyMember': 'This person is already in this community.',
  'errors.alreadyInvited': 'This person already has an open invitation.',
  'errors.invitationNotPending': 'This invitation is no longer open.',
  'errors.invitationExpired': 'This invitation has expired.',
  'errors.invitationUsed': 'This invitation has already been used.',
  'errors.invitationWithdrawn': 'This invitation has been withdrawn.',
  'errors.invitationInvalid': 'This invitation link is not valid.',
  'errors.privacyRequired': 'Please agree to the privacy notice to join.',
  'errors.lastCoordinator': 'A network needs at least one coordinator.',
  'errors.organisationNotInNetwork': 'This organisation does not belong to this network.',
  'errors.mailFailed': 'The invitation is saved, but the email could not be sent. Try again later with "Resend".',
  'validation.required': 'This field is required.',
  'validation.tooShort': 'Use at least {minimum} characters.',
  'validation.tooLong': 'Use at most {maximum} characters.',
  'validation.tooFew': 'Choose at least {minimum}.',
  'validation.tooMany': 'Choose at most {maximum}.',
  'validation.invalidEmail': 'Enter a valid email address.',
  'validation.invalidChoice': 'Choose one of the options.',
  'validation.invalidType': 'This value does not have the right form.',
  'validation.unknownField': 'This field is not known.',
  'validation.invalidTimeZone': 'Choose an existing time zone.',
  'validation.invalid': 'This value is not valid.',
  'mail.footer': 'You receive this email from Kring, the platform for professional learning communities.',
  'mail.signInLink.subject': 'Your sign-in link for Kring',
  'mail.signInLink.body':
    'Hello,\n\nClick the link below to sign in to Kring. The link works once and is valid for 15 minutes.\n\n{url}\n\nDid you not ask for this? Then you can ignore this email.',
  'mail.signInLink.button': 'Sign in to Kring',
  'mail.invitation.subject': 'Invitation to the learning community "{community}"',
  'mail.invitation.body':
    'Hello {name},\n\n{inviter} invites you to join the professional learning community "{community}" in the network "{network}".\n\n{message}The link below lets you join in one step. You do not need a password. The link is valid for {days} days.\n\n{url}',
  'mail.invitation.button': 'View the invitation',
  'mail.invitationRenewRequest.subject': '{name} asks for a new invitation to "{community}"',
};

const dictionaries: Record<Locale, Record<MessageKey, string>> = { nl, en };

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[locale][key] ?? dictionaries.nl[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function isMessageKey(key: string): key is MessageKey {
  return key in nl;
}

/** Picks nl or en from an Accept-Language header; Dutch is the default. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'nl';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('nl')) return 'nl';
    if (tag.startsWith('en')) return 'en';
  }
  return 'nl';
}

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
  'validation.numberTooSmall': 'Gebruik minstens {minimum}.',
  'validation.numberTooLarge': 'Gebruik hoogstens {maximum}.',
  'validation.invalidDate': 'Vul een bestaande datum in (jjjj-mm-dd).',
  'validation.invalidTime': 'Vul een tijd in als uu:mm.',
  'validation.endBeforeStart': 'De bijeenkomst moet eindigen na het begin (op dezelfde dag).',
  'validation.durationOrEndTime': 'Vul de duur of de eindtijd in.',
  'validation.deadlineAfterMeeting': 'De deadline voor inbreng moet vóór het begin van de bijeenkomst liggen.',
  'validation.deadlineInPast': 'Deze deadline ligt al in het verleden.',
  'validation.invalidRecurrence': 'Deze herhaling begrijpen we niet (RRULE volgens RFC 5545).',
  'validation.unsupportedRecurrence': 'Kring ondersteunt wekelijkse en maandelijkse herhalingen.',
  'validation.startDoesNotMatchRecurrence': 'De eerste datum valt niet op deze herhaling. Kies een datum die erbij past.',
  'validation.noMeetings': 'Met deze herhaling komen er geen bijeenkomsten.',
  'validation.fromDateBeforeStart': 'Deze datum ligt vóór het begin van de reeks.',
  'validation.notAMember': 'Deze persoon zit niet in deze gemeenschap.',
  'validation.inputNotInMeeting': 'Deze inbreng hoort niet bij deze bijeenkomst.',
  'validation.itemsDiffer': 'Het programma is intussen veranderd. Laad het opnieuw.',
  'validation.notWilling': 'Deze persoon wil nu geen voorzitter zijn.',
  'errors.inputClosed': 'De deadline voor inbreng is voorbij.',
  'errors.reminderAlreadySent': 'Er is al een herinnering gestuurd. Eén herinnering is genoeg.',
  'errors.meetingCancelled': 'Deze bijeenkomst gaat niet door.',
  'errors.meetingNotStarted': 'Aanwezigheid noteer je als de bijeenkomst begonnen is.',
  'errors.seriesEnded': 'Deze reeks is al beëindigd of vanaf een datum veranderd.',
  'errors.agendaNotStarted': 'Het programma is nog niet begonnen.',
  'errors.notYourTurn': 'Dit is niet jouw beurt als voorzitter.',
  'mail.preferences': 'Deze e-mails aan- of uitzetten: {url}',
  'mail.meeting.when': '{date}, {start}–{end}',
  'mail.meeting.where': 'Waar: {place}',
  'mail.meeting.online': 'Online: {url}',
  'mail.meeting.open': 'Open de bijeenkomst',
  'mail.seriesInvited.subject': 'Bijeenkomsten van "{community}" gepland',
  'mail.seriesInvited.body': 'Hallo {name},\n\n{planner} heeft een reeks bijeenkomsten gepland voor "{community}": {rule}.\n\nDe eerste bijeenkomsten:\n{dates}\n\n{where}In de bijlage staan ze voor je agenda. Laat op de pagina van de bijeenkomst weten of je erbij bent.\n\n{url}',
  'mail.inputRequested.subject': 'Jouw inbreng voor "{community}" op {date}',
  'mail.inputRequested.body': 'Hallo {name},\n\nDe volgende bijeenkomst van "{community}" is op {when}. Wat wil jij inbrengen? Een onderwerp, een vraag, een voorbeeld uit je praktijk of een wens voor het programma.\n\nDe voorzitter maakt het programma uit ieders inbreng. Geef je inbreng vóór {deadline}.\n\n{url}',
  'mail.inputReminder.subject': 'Herinnering: jouw inbreng voor "{community}"',
  'mail.inputReminder.body': 'Hallo {name},\n\n{chair} maakt het programma voor de bijeenkomst van {when} en heeft jouw inbreng nog niet. Geef je inbreng vóór {deadline}.\n\n{url}',
  'mail.programmePublished.subject': 'Programma voor "{community}" op {date}',
  'mail.programmePublished.body': 'Hallo {name},\n\nHet programma voor de bijeenkomst van {when} staat klaar:\n\n{items}\n\n{where}{url}',
  'mail.meetingReminder.subject': 'Overmorgen: bijeenkomst van "{community}"',
  'mail.meetingReminder.body': 'Hallo {name},\n\nOvermorgen is de bijeenkomst van "{community}": {when}.\n{where}\n{chairLine}Laat weten of je erbij bent, als je dat nog niet deed.\n\n{url}',
  'mail.minutesPublished.subject': 'Verslag van "{community}" van {date}',
  'mail.minutesPublished.body': 'Hallo {name},\n\nHet verslag van de bijeenkomst van {when} staat klaar.\n\n{notes}{actions}{url}',
  'mail.minutesPublished.actions': 'Afspraken:\n{list}\n\n',
  'mail.chairTurn.subject': 'Jij bent voorzitter op {date}',
  'mail.chairTurn.body': 'Hallo {name},\n\nOp {when} ben jij voorzitter van "{community}". Je verzamelt ieders inbreng (deadline {deadline}) en maakt het programma, dat opent met het rondje kennisoogst.\n\nKan het niet? Sla je beurt over of ruil met iemand op de voorzitterspagina.\n\n{url}',
  'mail.meeting.chairLine': 'Voorzitter: {chair}\n',
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
  'validation.numberTooSmall': 'Use at least {minimum}.',
  'validation.numberTooLarge': 'Use at most {maximum}.',
  'validation.invalidDate': 'Enter an existing date (yyyy-mm-dd).',
  'validation.invalidTime': 'Enter a time as hh:mm.',
  'validation.endBeforeStart': 'The meeting must end after it starts (on the same day).',
  'validation.durationOrEndTime': 'Enter the duration or the end time.',
  'validation.deadlineAfterMeeting': 'The input deadline must be before the meeting starts.',
  'validation.deadlineInPast': 'This deadline has already passed.',
  'validation.invalidRecurrence': 'We do not understand this recurrence (an RFC 5545 RRULE).',
  'validation.unsupportedRecurrence': 'Kring supports weekly and monthly recurrences.',
  'validation.startDoesNotMatchRecurrence': 'The first date does not fall on this recurrence. Choose a date that fits.',
  'validation.noMeetings': 'This recurrence gives no meetings.',
  'validation.fromDateBeforeStart': 'This date is before the start of the series.',
  'validation.notAMember': 'This person is not a member of this community.',
  'validation.inputNotInMeeting': 'This input does not belong to this meeting.',
  'validation.itemsDiffer': 'The programme changed in the meantime. Reload it.',
  'validation.notWilling': 'This person does not want to chair at the moment.',
  'errors.inputClosed': 'The input deadline has passed.',
  'errors.reminderAlreadySent': 'A reminder has already been sent. One reminder is enough.',
  'errors.meetingCancelled': 'This meeting is cancelled.',
  'errors.meetingNotStarted': 'Record attendance once the meeting has started.',
  'errors.seriesEnded': 'This series has already ended or was changed from a date onward.',
  'errors.agendaNotStarted': 'The programme has not been started yet.',
  'errors.notYourTurn': 'This is not your turn as chair.',
  'mail.preferences': 'Switch these emails on or off: {url}',
  'mail.meeting.when': '{date}, {start}–{end}',
  'mail.meeting.where': 'Where: {place}',
  'mail.meeting.online': 'Online: {url}',
  'mail.meeting.open': 'Open the meeting',
  'mail.seriesInvited.subject': 'Meetings of "{community}" planned',
  'mail.seriesInvited.body': 'Hello {name},\n\n{planner} has planned a series of meetings for "{community}": {rule}.\n\nThe first meetings:\n{dates}\n\n{where}They are attached for your calendar. Let us know on the meeting page whether you will be there.\n\n{url}',
  'mail.inputRequested.subject': 'Your input for "{community}" on {date}',
  'mail.inputRequested.body': 'Hello {name},\n\nThe next meeting of "{community}" is on {when}. What would you like to bring in? A topic, a question, an example from your practice or a wish for the programme.\n\nThe chair makes the programme from everyone\'s input. Add yours before {deadline}.\n\n{url}',
  'mail.inputReminder.subject': 'Reminder: your input for "{community}"',
  'mail.inputReminder.body': 'Hello {name},\n\n{chair} is making the programme for the meeting on {when} and does not have your input yet. Add yours before {deadline}.\n\n{url}',
  'mail.programmePublished.subject': 'Programme for "{community}" on {date}',
  'mail.programmePublished.body': 'Hello {name},\n\nThe programme for the meeting on {when} is ready:\n\n{items}\n\n{where}{url}',
  'mail.meetingReminder.subject': 'The day after tomorrow: meeting of "{community}"',
  'mail.meetingReminder.body': 'Hello {name},\n\nThe day after tomorrow is the meeting of "{community}": {when}.\n{where}\n{chairLine}Let us know whether you will be there, if you have not yet.\n\n{url}',
  'mail.minutesPublished.subject': 'Minutes of "{community}" of {date}',
  'mail.minutesPublished.body': 'Hello {name},\n\nThe minutes of the meeting on {when} are ready.\n\n{notes}{actions}{url}',
  'mail.minutesPublished.actions': 'Action items:\n{list}\n\n',
  'mail.chairTurn.subject': 'You chair the meeting on {date}',
  'mail.chairTurn.body': 'Hello {name},\n\nOn {when} you chair "{community}". You gather everyone\'s input (deadline {deadline}) and make the programme, which opens with the harvest round.\n\nCan\'t make it? Skip your turn or swap with someone on the chair rota page.\n\n{url}',
  'mail.meeting.chairLine': 'Chair: {chair}\n',
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

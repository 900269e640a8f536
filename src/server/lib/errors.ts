import type { MessageKey } from '../i18n/messages';

export type ProblemCode =
  | 'validation'
  | 'badRequest'
  | 'unauthenticated'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'rateLimited'
  | 'csrf'
  | 'payloadTooLarge'
  | 'unsupportedMediaType'
  | 'internal'
  | 'invalidCredentials'
  | 'emailTaken'
  | 'wrongPassword'
  | 'organisationNameTaken'
  | 'organisationInUse'
  | 'alreadyMember'
  | 'alreadyInvited'
  | 'invitationNotPending'
  | 'invitationExpired'
  | 'invitationUsed'
  | 'invitationWithdrawn'
  | 'invitationInvalid'
  | 'privacyRequired'
  | 'lastCoordinator'
  | 'organisationNotInNetwork'
  | 'mailFailed'
  | 'inputClosed'
  | 'reminderAlreadySent'
  | 'meetingCancelled'
  | 'meetingNotStarted'
  | 'seriesEnded'
  | 'agendaNotStarted'
  | 'notYourTurn'
  | 'roomClosed'
  | 'notTheChair'
  | 'notInCircle'
  | 'seatingDiffers'
  | 'roundAlreadyStarted'
  | 'roundNotStarted'
  | 'roundComplete'
  | 'noPreviousTurn'
  | 'notSpeaking'
  | 'notYourHarvest'
  | 'turnNotReached'
  | 'notTheNoteTaker'
  | 'unknownItem'
  | 'checkOutClosed'
  | 'noNextItem'
  | 'noPreviousItem'
  | 'staleVersion'
  | 'nobodyInRound'
  | 'proposalClosed'
  | 'proposalNotClosed'
  | 'alreadyResponded'
  | 'notEveryoneResponded'
  | 'unknownProposal'
  | 'proposalAmended'
  | 'blockNotAnswered'
  | 'evaluationNotOpen'
  | 'evaluationClosed'
  | 'alreadyAnswered';

export interface FieldError {
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

/** An expected failure, rendered as RFC 9457 problem+json with a translated title. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: ProblemCode,
    public readonly params: Record<string, string | number> = {},
    public readonly fields: FieldError[] = [],
    public readonly headers: Record<string, string> = {},
    /** For 409 on a stale edit: the object as it is now, so the client can offer to reload. */
    public readonly current?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
  }

  get messageKey(): MessageKey {
    return `errors.${this.code}` as MessageKey;
  }
}

export const notFound = () => new AppError(404, 'notFound');
export const forbidden = () => new AppError(403, 'forbidden');
export const unauthenticated = () => new AppError(401, 'unauthenticated');
export const conflict = (code: ProblemCode = 'conflict', params: Record<string, string | number> = {}) =>
  new AppError(409, code, params);
/** A stale version: 409 carrying the current object. */
export const staleVersion = (current: unknown) => new AppError(409, 'conflict', {}, [], {}, current);
export const fieldError = (path: string, code: ProblemCode | string, status = 422, problem: ProblemCode = 'validation') =>
  new AppError(status, problem, {}, [{ path, code }]);

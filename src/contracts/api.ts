/**
 * Request and response shapes of the HTTP API, shared by server (validation, OpenAPI) and web
 * (typed fetches). Imports nothing from server/ or web/.
 */
import * as z from 'zod';
import { communityPhases, invitationStatuses, locales, memberRoles, organisationTypes, stakeholderGroups } from './enums';

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const id = z.string().uuid();
export const email = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const name = z.string().trim().min(1).max(120);
export const password = z.string().min(8).max(128);
export const locale = z.enum(locales);
export const timeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, { params: { code: 'invalidTimeZone' } });
export const longText = z.string().trim().max(4000);

// ----- account ---------------------------------------------------------------
export const me = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  locale,
  timeZone: z.string(),
  hasPassword: z.boolean(),
});
export type Me = z.infer<typeof me>;

export const signUpBody = z.strictObject({ name, email, password, locale: locale.optional(), timeZone: timeZone.optional() });
export const signInBody = z.strictObject({ email, password: z.string().min(1).max(128) });
export const signInLinkBody = z.strictObject({
  email,
  /** Path inside Kring to return to after signing in, e.g. /communities/123 */
  redirectTo: z.string().max(500).regex(/^\/(?![/\\])/).optional(),
});
export const updateMeBody = z.strictObject({ name: name.optional(), locale: locale.optional(), timeZone: timeZone.optional() });
export const changePasswordBody = z.strictObject({
  /** Required when the account already has a password. */
  currentPassword: z.string().max(128).optional(),
  newPassword: password,
});

// ----- networks and organisations -------------------------------------------
export const organisation = z.object({
  id,
  networkId: id,
  name: z.string(),
  type: z.enum(organisationTypes),
});
export type Organisation = z.infer<typeof organisation>;

export const networkSummary = z.object({
  id,
  name: z.string(),
  description: z.string(),
  isCoordinator: z.boolean(),
  communityCount: z.number().int(),
});
export type NetworkSummary = z.infer<typeof networkSummary>;

export const communitySummary = z.object({
  id,
  networkId: id,
  name: z.string(),
  topic: z.string(),
  phase: z.enum(communityPhases),
  memberCount: z.number().int(),
  myRoles: z.array(z.enum(memberRoles)),
});
export type CommunitySummary = z.infer<typeof communitySummary>;

export const networkCoordinator = z.object({ userId: z.string(), name: z.string(), email: z.string() });

export const networkDetail = networkSummary.extend({
  organisations: z.array(organisation),
  communities: z.array(communitySummary),
  coordinators: z.array(networkCoordinator),
});
export type NetworkDetail = z.infer<typeof networkDetail>;

export const createNetworkBody = z.strictObject({ name, description: longText.optional() });
export const updateNetworkBody = z.strictObject({ name: name.optional(), description: longText.optional() });
export const createOrganisationBody = z.strictObject({ name, type: z.enum(organisationTypes) });
export const updateOrganisationBody = z.strictObject({ name: name.optional(), type: z.enum(organisationTypes).optional() });

// ----- communities -------------------------------------------------------------
export const endProductVariant = z.strictObject({ organisationId: id, description: longText.min(1) });

export const member = z.object({
  id,
  userId: z.string(),
  name: z.string(),
  /** Only shown to those who manage the community. */
  email: z.string().nullable(),
  organisationId: id.nullable(),
  organisationName: z.string().nullable(),
  stakeholderGroup: z.enum(stakeholderGroups),
  roles: z.array(z.enum(memberRoles)),
  joinedAt: z.string(),
});
export type Member = z.infer<typeof member>;

export const communityPermissions = z.object({
  edit: z.boolean(),
  invite: z.boolean(),
  manageMembers: z.boolean(),
  leave: z.boolean(),
});

export const communityDetail = z.object({
  id,
  networkId: id,
  networkName: z.string(),
  name: z.string(),
  topic: z.string(),
  question: z.string(),
  ambition: z.string(),
  endProduct: z.string(),
  endProductVariants: z.array(z.object({ organisationId: id, organisationName: z.string().nullable(), description: z.string() })),
  phase: z.enum(communityPhases),
  includesParents: z.boolean(),
  firstGroups: z.array(z.enum(stakeholderGroups)),
  version: z.number().int(),
  updatedAt: z.string(),
  members: z.array(member),
  myMembershipId: id.nullable(),
  myRoles: z.array(z.enum(memberRoles)),
  permissions: communityPermissions,
});
export type CommunityDetail = z.infer<typeof communityDetail>;

const communityFields = {
  name,
  topic: longText.optional(),
  question: longText.optional(),
  ambition: longText.optional(),
  endProduct: longText.optional(),
  endProductVariants: z.array(endProductVariant).max(20).optional(),
  phase: z.enum(communityPhases).optional(),
  includesParents: z.boolean().optional(),
  firstGroups: z.array(z.enum(stakeholderGroups)).max(6).optional(),
};
export const createCommunityBody = z.strictObject(communityFields);
export const updateCommunityBody = z.strictObject({
  ...communityFields,
  name: name.optional(),
  /** The version the edit was based on; a stale version gives 409. */
  version: z.number().int().positive(),
});

export const revision = z.object({
  id,
  field: z.enum(['question', 'ambition', 'endProduct', 'endProductVariants', 'phase']),
  before: z.unknown(),
  after: z.unknown(),
  changedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  changedAt: z.string(),
});
export type Revision = z.infer<typeof revision>;

export const updateMemberBody = z.strictObject({
  roles: z.array(z.enum(memberRoles)).min(1).max(5).optional(),
  organisationId: id.nullable().optional(),
  stakeholderGroup: z.enum(stakeholderGroups).optional(),
});

// ----- the table ---------------------------------------------------------------
export const tableSuggestion = z.object({
  code: z.enum(['tooFewMembers', 'tooManyMembers', 'cornerEmpty', 'organisationDominates', 'noChair', 'singleOrganisation']),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type TableSuggestion = z.infer<typeof tableSuggestion>;

export const tableSeat = z.object({
  memberId: id,
  name: z.string(),
  organisationId: id.nullable(),
  organisationName: z.string().nullable(),
  stakeholderGroup: z.enum(stakeholderGroups),
  roles: z.array(z.enum(memberRoles)),
});

export const tableView = z.object({
  communityId: id,
  includesParents: z.boolean(),
  seatCount: z.number().int(),
  band: z.object({ min: z.number().int(), max: z.number().int() }),
  triangle: z.object({
    parent: z.array(tableSeat),
    school: z.array(tableSeat),
    care: z.array(tableSeat),
  }),
  /** Pupil voice sits in the middle of the triangle: the child in the world. */
  child: z.array(tableSeat),
  others: z.array(tableSeat),
  /** Researchers and observers: at the table, but not a seat in the count. */
  guests: z.array(tableSeat),
  organisations: z.array(z.object({ id: id.nullable(), name: z.string().nullable(), type: z.enum(organisationTypes).nullable(), seats: z.number().int(), share: z.number() })),
  pendingInvitations: z.number().int(),
  suggestions: z.array(tableSuggestion),
});
export type TableView = z.infer<typeof tableView>;

// ----- invitations -----------------------------------------------------------
export const invitation = z.object({
  id,
  communityId: id,
  email: z.string(),
  name: z.string(),
  organisationId: id.nullable(),
  organisationName: z.string().nullable(),
  stakeholderGroup: z.enum(stakeholderGroups),
  roles: z.array(z.enum(memberRoles)),
  status: z.enum(invitationStatuses),
  expired: z.boolean(),
  expiresAt: z.string(),
  sentAt: z.string().nullable(),
  sendCount: z.number().int(),
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Invitation = z.infer<typeof invitation>;

export const createInvitationBody = z.strictObject({
  email,
  name: z.string().trim().max(120).optional(),
  organisationId: id.nullable().optional(),
  stakeholderGroup: z.enum(stakeholderGroups),
  roles: z.array(z.enum(memberRoles)).min(1).max(5).optional(),
  locale: locale.optional(),
  message: z.string().trim().max(1000).optional(),
});

export const invitationPreview = z.object({
  state: z.enum(['valid', 'expired', 'used', 'withdrawn']),
  email: z.string(),
  name: z.string(),
  locale,
  communityName: z.string(),
  networkName: z.string(),
  inviterName: z.string().nullable(),
  organisationName: z.string().nullable(),
  stakeholderGroup: z.enum(stakeholderGroups),
  roles: z.array(z.enum(memberRoles)),
  message: z.string(),
  /** The community is in its pre-phase: show what a PLG is and what is asked before joining. */
  prePhase: z.boolean(),
  question: z.string(),
  ambition: z.string(),
  /** An account with this email exists already (the page then just asks to confirm). */
  accountExists: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreview>;

export const acceptInvitationBody = z.strictObject({
  token: z.string().min(10).max(200),
  name: name.optional(),
  locale: locale.optional(),
  acceptPrivacy: z.literal(true, { error: () => ({ message: 'privacyRequired' }) }),
});
export const acceptInvitationResult = z.object({
  communityId: id,
  networkId: id,
  /** False when the invitation joined an existing account that is not signed in here: sign in to continue. */
  signedIn: z.boolean(),
  email: z.string(),
});
export type AcceptInvitationResult = z.infer<typeof acceptInvitationResult>;
export const renewInvitationBody = z.strictObject({ token: z.string().min(10).max(200) });

// ----- problems ----------------------------------------------------------------
export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  /** On 409 for a stale edit: the object as it is now. */
  current: z.unknown().optional(),
});
export type Problem = z.infer<typeof problem>;

export const outboxMail = z.object({
  id,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  kind: z.string(),
  createdAt: z.string(),
});
export type OutboxMail = z.infer<typeof outboxMail>;

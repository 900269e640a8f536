// Enumerations shared by server and web. The glossary in domain.md names them.
export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];

export const organisationTypes = [
  'primarySchool',
  'schoolBoard',
  'teacherCollege',
  'youthCare',
  'university',
  'parentsCouncil',
  'other',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const stakeholderGroups = ['parent', 'school', 'care', 'college', 'pupilVoice', 'other'] as const;
export type StakeholderGroup = (typeof stakeholderGroups)[number];

export const memberRoles = ['member', 'chair', 'coordinator', 'researcher', 'observer'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const communityPhases = ['prePhase', 'active', 'roundingOff', 'closed'] as const;
export type CommunityPhase = (typeof communityPhases)[number];

export const invitationStatuses = ['pending', 'held', 'accepted', 'withdrawn'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

// ----- part 2: meetings -----
export const attendanceResponses = ['yes', 'no', 'maybe'] as const;
export type AttendanceResponse = (typeof attendanceResponses)[number];
export const inputKinds = ['topic', 'question', 'practice', 'wish'] as const;
export type InputKind = (typeof inputKinds)[number];
export const agendaItemKinds = ['harvestRound', 'discussion', 'decision', 'productWork', 'evaluation', 'checkOut'] as const;
export type AgendaItemKind = (typeof agendaItemKinds)[number];
export const chairModes = ['fixed', 'rotating'] as const;
export type ChairMode = (typeof chairModes)[number];
export const meetingStatuses = ['planned', 'cancelled'] as const;
export const notificationKinds = [
  'seriesInvited',
  'inputRequested',
  'programmePublished',
  'meetingReminder',
  'minutesPublished',
  'chairTurn',
  // part 4: decisions
  'proposalOpened',
  'proposalReminder',
  'proposalAmended',
  'proposalClosingSoon',
  'proposalOutcome',
  'decisionReview',
  // part 5: the conditions monitor
  'evaluationOpened',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;


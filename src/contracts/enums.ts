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

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { AcceptInvitationResult, Invitation, InvitationPreview } from '../../../contracts/api';
import type { Locale, MemberRole, StakeholderGroup } from '../../../contracts/enums';
import { api } from '../../api/client';
import { meQuery, replaceSession } from '../account/api';

export const invitationsQuery = (communityId: string) =>
  queryOptions({
    queryKey: ['community', communityId, 'invitations'],
    queryFn: () => api<Invitation[]>(`/communities/${encodeURIComponent(communityId)}/invitations`),
  });

export const invitationPreviewQuery = (token: string) =>
  queryOptions({
    queryKey: ['invitationPreview', token],
    queryFn: () => api<InvitationPreview>(`/invitations/by-token/${encodeURIComponent(token)}`),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

export interface CreateInvitationInput {
  email: string;
  name?: string;
  organisationId?: string | null;
  stakeholderGroup: StakeholderGroup;
  roles?: MemberRole[];
  locale?: Locale;
  message?: string;
}

export function useCreateInvitation(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitationInput) => api<Invitation>(`/communities/${communityId}/invitations`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['community', communityId] }),
  });
}

export function useResendInvitation(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Invitation>(`/invitations/${id}/resend`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['community', communityId] }),
  });
}

export function useWithdrawInvitation(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/invitations/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['community', communityId] }),
  });
}

export function useAcceptInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; name?: string; locale?: Locale; acceptPrivacy: true }) =>
      api<AcceptInvitationResult>('/invitations/accept', { method: 'POST', body }),
    onSuccess: async (res) => {
      // An existing account joined without being signed in here: the session did not change.
      if (!res.signedIn) return;
      // The session may have changed (a new account was created): start from a clean cache, and
      // know who we are before the caller navigates to a page that needs a session.
      const me = await qc.fetchQuery({ ...meQuery, staleTime: 0 });
      replaceSession(qc, me);
    },
  });
}

export function useRenewInvitation() {
  return useMutation({
    mutationFn: (token: string) => api<void>('/invitations/renew', { method: 'POST', body: { token } }),
  });
}

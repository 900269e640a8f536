import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CommunityDetail, CommunitySummary, Member, Revision, TableView } from '../../../contracts/api';
import type { MemberRole, StakeholderGroup } from '../../../contracts/enums';
import { api } from '../../api/client';
import type { CreateCommunityInput } from '../networks/api';

export const communitiesQuery = queryOptions({
  queryKey: ['communities'],
  queryFn: () => api<CommunitySummary[]>('/communities'),
});

export const communityQuery = (id: string) =>
  queryOptions({
    queryKey: ['community', id],
    queryFn: () => api<CommunityDetail>(`/communities/${encodeURIComponent(id)}`),
  });

export const tableQuery = (id: string) =>
  queryOptions({
    queryKey: ['community', id, 'table'],
    queryFn: () => api<TableView>(`/communities/${encodeURIComponent(id)}/table`),
  });

export const revisionsQuery = (id: string) =>
  queryOptions({
    queryKey: ['community', id, 'revisions'],
    queryFn: () => api<Revision[]>(`/communities/${encodeURIComponent(id)}/revisions`),
  });

export type UpdateCommunityInput = Partial<CreateCommunityInput> & { version: number };

export function useUpdateCommunity(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCommunityInput) => api<CommunityDetail>(`/communities/${id}`, { method: 'PATCH', body }),
    onSuccess: (c) => {
      qc.setQueryData(communityQuery(id).queryKey, c);
      void qc.invalidateQueries({ queryKey: ['community', id] });
      void qc.invalidateQueries({ queryKey: ['communities'] });
      void qc.invalidateQueries({ queryKey: ['network', c.networkId] });
    },
  });
}

export function useUpdateMember(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, ...body }: { memberId: string; roles?: MemberRole[]; organisationId?: string | null; stakeholderGroup?: StakeholderGroup }) =>
      api<Member>(`/communities/${communityId}/members/${memberId}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['community', communityId] }),
  });
}

export function useRemoveMember(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) => api<void>(`/communities/${communityId}/members/${memberId}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['community', communityId] }),
  });
}

export function useLeaveCommunity(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/communities/${communityId}/leave`, { method: 'POST' }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: ['community', communityId] });
      void qc.invalidateQueries({ queryKey: ['communities'] });
      void qc.invalidateQueries({ queryKey: ['networks'] });
    },
  });
}

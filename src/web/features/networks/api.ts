import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CommunityDetail, NetworkDetail, NetworkSummary, Organisation } from '../../../contracts/api';
import type { CommunityPhase, OrganisationType, StakeholderGroup } from '../../../contracts/enums';
import { api } from '../../api/client';

export const networksQuery = queryOptions({
  queryKey: ['networks'],
  queryFn: () => api<NetworkSummary[]>('/networks'),
});

export const networkQuery = (networkId: string) =>
  queryOptions({
    queryKey: ['network', networkId],
    queryFn: () => api<NetworkDetail>(`/networks/${encodeURIComponent(networkId)}`),
  });

export function useCreateNetwork() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; description?: string }) => api<NetworkDetail>('/networks', { method: 'POST', body }),
    onSuccess: (net) => {
      qc.setQueryData(networkQuery(net.id).queryKey, net);
      void qc.invalidateQueries({ queryKey: ['networks'] });
    },
  });
}

export function useUpdateNetwork(networkId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; description?: string }) =>
      api<NetworkDetail>(`/networks/${networkId}`, { method: 'PATCH', body }),
    onSuccess: (net) => {
      qc.setQueryData(networkQuery(networkId).queryKey, net);
      void qc.invalidateQueries({ queryKey: ['networks'] });
    },
  });
}

export function useCreateOrganisation(networkId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; type: OrganisationType }) =>
      api<Organisation>(`/networks/${networkId}/organisations`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['network', networkId] }),
  });
}

export function useUpdateOrganisation(networkId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; name?: string; type?: OrganisationType }) =>
      api<Organisation>(`/networks/${networkId}/organisations/${id}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['network', networkId] }),
  });
}

export function useDeleteOrganisation(networkId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/networks/${networkId}/organisations/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['network', networkId] }),
  });
}

export interface CreateCommunityInput {
  name: string;
  topic?: string;
  question?: string;
  ambition?: string;
  endProduct?: string;
  endProductVariants?: { organisationId: string; description: string }[];
  phase?: CommunityPhase;
  includesParents?: boolean;
  firstGroups?: StakeholderGroup[];
}

export function useCreateCommunity(networkId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommunityInput) =>
      api<CommunityDetail>(`/networks/${networkId}/communities`, { method: 'POST', body }),
    onSuccess: (c) => {
      qc.setQueryData(['community', c.id], c);
      void qc.invalidateQueries({ queryKey: ['network', networkId] });
      void qc.invalidateQueries({ queryKey: ['networks'] });
      void qc.invalidateQueries({ queryKey: ['communities'] });
    },
  });
}

import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
// Types only: zod stays out of the browser bundle.
import type {
  AmendProposalBody,
  CommentBody,
  CreateProposalBody,
  DecisionLog,
  OutcomeBody,
  Proposal,
  ProposalComment,
  ProposalList,
  RespondBody,
} from '../../../contracts/decisions';
import type { Quorum } from '../../../contracts/decision-rules';
import { api, isApiError } from '../../api/client';

const enc = encodeURIComponent;
export type ProposalScope = 'open' | 'closed' | 'all';

/** While a proposal is open, others' responses appear by themselves. */
export const PROPOSAL_REFRESH_MS = 15_000;

// ----- queries ------------------------------------------------------------------------
export const proposalsQuery = (communityId: string, status: ProposalScope = 'all') =>
  queryOptions({
    queryKey: ['community', communityId, 'proposals', status],
    queryFn: () => api<ProposalList>(`/communities/${enc(communityId)}/proposals?status=${status}`),
  });

export const decisionLogQuery = (communityId: string) =>
  queryOptions({
    queryKey: ['community', communityId, 'decisions'],
    queryFn: () => api<DecisionLog>(`/communities/${enc(communityId)}/decisions`),
  });

export const proposalQuery = (proposalId: string) =>
  queryOptions({
    queryKey: ['proposal', proposalId],
    queryFn: () => api<Proposal>(`/proposals/${enc(proposalId)}`),
    refetchInterval: (q) => (q.state.data?.status === 'open' ? PROPOSAL_REFRESH_MS : false),
  });

// ----- cache upkeep ---------------------------------------------------------------------
/** The proposal as the server answered it, and the community's lists and log that show it. */
function settle(qc: QueryClient, p: Proposal) {
  qc.setQueryData(proposalQuery(p.id).queryKey, p);
  void qc.invalidateQueries({ queryKey: ['community', p.communityId, 'proposals'] });
  void qc.invalidateQueries({ queryKey: ['community', p.communityId, 'decisions'] });
}

/** A 409 for a stale version (someone else changed the proposal first): reload and try again. */
export const isStale = (err: unknown) => isApiError(err) && err.status === 409 && (err.code === 'conflict' || err.code === 'staleVersion');

// ----- mutations ------------------------------------------------------------------------
export function useCreateProposal(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProposalBody) => api<Proposal>(`/communities/${enc(communityId)}/proposals`, { method: 'POST', body }),
    onSuccess: (p) => settle(qc, p),
  });
}

export function useSetQuorum(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (quorum: Quorum) => api<ProposalList>(`/communities/${enc(communityId)}/quorum`, { method: 'PUT', body: { quorum } }),
    onSuccess: (list) => {
      qc.setQueryData(proposalsQuery(communityId, 'all').queryKey, list);
      void qc.invalidateQueries({ queryKey: ['community', communityId, 'proposals'] });
      void qc.invalidateQueries({ queryKey: ['proposal'] });
    },
  });
}

/** Used on the proposal page and in the meeting room (the room then updates through its own events). */
export function useRespond(proposalId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RespondBody) => api<Proposal>(`/proposals/${enc(proposalId)}/response`, { method: 'PUT', body }),
    onSuccess: (p) => settle(qc, p),
    // Another tab answered first or the proposal closed: show what is so now.
    onError: (err) => {
      if (isApiError(err) && err.status === 409) void qc.invalidateQueries({ queryKey: proposalQuery(proposalId).queryKey });
    },
  });
}

function useProposalAction<B>(proposalId: string, path: string, method: 'POST' | 'PUT' = 'POST') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api<Proposal>(`/proposals/${enc(proposalId)}/${path}`, { method, body }),
    onSuccess: (p) => settle(qc, p),
  });
}

export const useAmendProposal = (proposalId: string) => useProposalAction<AmendProposalBody>(proposalId, 'amend');
export const useWithdrawProposal = (proposalId: string) => useProposalAction<{ version: number; reason: string }>(proposalId, 'withdraw');
export const useCloseProposal = (proposalId: string) => useProposalAction<{ version: number }>(proposalId, 'close');
export const useRemind = (proposalId: string) => useProposalAction<undefined>(proposalId, 'remind');
export const useWriteOutcome = (proposalId: string) => useProposalAction<OutcomeBody>(proposalId, 'outcome', 'PUT');

export function useAddComment(proposalId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CommentBody) => api<ProposalComment>(`/proposals/${enc(proposalId)}/comments`, { method: 'POST', body }),
    onSuccess: (c) => {
      // Shown at once; the refetch brings anything others wrote meanwhile.
      qc.setQueryData<Proposal>(proposalQuery(proposalId).queryKey, (p) => (p && !p.comments.some((x) => x.id === c.id) ? { ...p, comments: [...p.comments, c] } : p));
      return qc.invalidateQueries({ queryKey: proposalQuery(proposalId).queryKey });
    },
  });
}

import { keepPreviousData, queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
// Types only: zod stays out of the browser bundle.
import type { AnswerEvaluationBody, CommunityMonitor, CreateActionBody, Evaluation, ImprovementAction, MyTimeBody, OpenEvaluationBody } from '../../../contracts/monitor';
import { api, isApiError } from '../../api/client';

const enc = encodeURIComponent;

/** A quarter key the server accepts ("2026-Q3"); anything else is left out of the request. */
export const isQuarterKey = (s: string | null | undefined): s is string => typeof s === 'string' && /^\d{4}-Q[1-4]$/.test(s);

// ----- queries ------------------------------------------------------------------------
const monitorKey = (communityId: string) => ['community', communityId, 'monitor'] as const;

/** The whole monitor of a community; `quarter` only chooses which quarter's indicators come in full. */
export const monitorQuery = (communityId: string, quarter?: string) =>
  queryOptions({
    queryKey: [...monitorKey(communityId), quarter ?? 'current'],
    queryFn: () => api<CommunityMonitor>(`/communities/${enc(communityId)}/monitor${isQuarterKey(quarter) ? `?quarter=${enc(quarter)}` : ''}`),
    // Choosing another quarter keeps the page in place while its indicators load.
    placeholderData: keepPreviousData,
  });

export const evaluationQuery = (evaluationId: string) =>
  queryOptions({
    queryKey: ['evaluation', evaluationId],
    queryFn: () => api<Evaluation>(`/evaluations/${enc(evaluationId)}`),
  });

export const csvHref = (communityId: string) => `/api/communities/${enc(communityId)}/monitor.csv`;

// ----- cache upkeep ---------------------------------------------------------------------
/** Scores, history and effects all move when an evaluation or action changes: reload the monitor. */
const refreshMonitor = (qc: QueryClient, communityId: string) => qc.invalidateQueries({ queryKey: monitorKey(communityId) });

function settleEvaluation(qc: QueryClient, e: Evaluation) {
  qc.setQueryData(evaluationQuery(e.id).queryKey, e);
  void refreshMonitor(qc, e.communityId);
}

/** A 409 for a stale version: someone else changed the action first. */
export const isStale = (err: unknown) => isApiError(err) && err.status === 409;

// ----- mutations ------------------------------------------------------------------------
export function useRecordAction(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateActionBody) => api<ImprovementAction>(`/communities/${enc(communityId)}/improvement-actions`, { method: 'POST', body }),
    onSuccess: () => refreshMonitor(qc, communityId),
  });
}

export function useUpdateAction(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; done: boolean }) => api<ImprovementAction>(`/improvement-actions/${enc(id)}`, { method: 'PUT', body }),
    // On success and on a conflict alike: show what is so now.
    onSettled: () => refreshMonitor(qc, communityId),
  });
}

export function useSetMyTime(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MyTimeBody) => api<CommunityMonitor>(`/communities/${enc(communityId)}/my-time`, { method: 'PUT', body }),
    // The answer is the monitor of the current quarter; other quarters reload.
    onSuccess: (m) => {
      qc.setQueryData(monitorQuery(communityId).queryKey, m);
      void qc.invalidateQueries({ queryKey: monitorKey(communityId), predicate: (q) => q.queryKey[3] !== 'current' });
    },
  });
}

export function useOpenEvaluation(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenEvaluationBody) => api<Evaluation>(`/communities/${enc(communityId)}/evaluations`, { method: 'POST', body }),
    onSuccess: (e) => settleEvaluation(qc, e),
  });
}

export function useCloseEvaluation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (evaluationId: string) => api<Evaluation>(`/evaluations/${enc(evaluationId)}/close`, { method: 'POST' }),
    onSuccess: (e) => settleEvaluation(qc, e),
  });
}

export function useAnswerEvaluation(evaluationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AnswerEvaluationBody) => api<Evaluation>(`/evaluations/${enc(evaluationId)}/answers`, { method: 'POST', body }),
    onSuccess: (e) => settleEvaluation(qc, e),
    // Closed meanwhile, or answered in another tab: show what is so now.
    onError: (err) => {
      if (isApiError(err) && err.status === 409) void qc.invalidateQueries({ queryKey: evaluationQuery(evaluationId).queryKey });
    },
  });
}

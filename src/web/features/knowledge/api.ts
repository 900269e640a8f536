import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query';
// Types only: the page's chunk stays free of zod.
import type { KnowledgeLog } from '../../../contracts/room';
import { api } from '../../api/client';

/** The filters of the knowledge log, as in the URL and the API's query string. */
export interface KnowledgeFilters {
  q: string;
  memberId: string;
  organisationId: string;
  meetingId: string;
}

export const FILTER_KEYS = ['q', 'memberId', 'organisationId', 'meetingId'] as const;
const PAGE_SIZE = 20;

function queryString(filters: KnowledgeFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(PAGE_SIZE));
  return params.toString();
}

/** All harvests of a community, newest first, a page at a time ("load more"). */
export const knowledgeLogQuery = (communityId: string, filters: KnowledgeFilters) =>
  infiniteQueryOptions({
    queryKey: ['community', communityId, 'knowledge', filters],
    queryFn: ({ pageParam, signal }) => api<KnowledgeLog>(`/communities/${encodeURIComponent(communityId)}/knowledge?${queryString(filters, pageParam)}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // The filter lists and results stay on screen while a new search loads.
    placeholderData: keepPreviousData,
  });

import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Me } from '../../../contracts/api';
import type { Locale } from '../../../contracts/enums';
import { api, isApiError } from '../../api/client';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api<Me>('/me');
    } catch (err) {
      if (isApiError(err) && err.status === 401) return null;
      throw err;
    }
  },
  staleTime: 60_000,
});

/**
 * After the session changes hands (sign in/out, joining by invitation) nothing cached for the
 * previous person may stay around; `me` is replaced in place so mounted observers see it at once.
 */
export function replaceSession(qc: QueryClient, me: Me | null) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'invitationPreview' });
  qc.setQueryData(meQuery.queryKey, me);
}

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  locale?: Locale;
  timeZone?: string;
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api<Me>('/auth/sign-in', { method: 'POST', body }),
    onSuccess: (me) => replaceSession(qc, me),
  });
}

export function useSignUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SignUpInput) => api<Me>('/auth/sign-up', { method: 'POST', body }),
    onSuccess: (me) => replaceSession(qc, me),
  });
}

export function useSignInLink() {
  return useMutation({
    mutationFn: (body: { email: string; redirectTo?: string }) =>
      api<{ sent: true }>('/auth/sign-in-link', { method: 'POST', body }),
  });
}

export function useSignOut() {
  return useMutation({
    mutationFn: () => api<void>('/auth/sign-out', { method: 'POST' }),
    // The caller leaves the signed-in pages first, then forgets the session (see Layout), so that
    // the sign-in guard of the page we are on does not redirect to /sign-in in between.
    onSuccess: () => undefined,
  });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; locale?: Locale; timeZone?: string }) => api<Me>('/me', { method: 'PATCH', body }),
    onSuccess: (me) => {
      qc.setQueryData(meQuery.queryKey, me);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword?: string; newPassword: string }) =>
      api<void>('/me/password', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meQuery.queryKey }),
  });
}

/** Only same-site paths are followed after signing in. */
export function safeRedirect(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

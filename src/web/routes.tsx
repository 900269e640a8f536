import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './ui/Layout';
import { RouteError } from './ui/RouteError';
import { RequireAuth } from './features/account/RequireAuth';

/** Route-level code splitting: each page is its own chunk, so the first page stays small. */
const page = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    // The first page's chunk loads in a few milliseconds; show nothing rather than a flash.
    HydrateFallback: () => null,
    children: [
      { index: true, ...page(() => import('./features/home/HomePage')) },
      { path: 'sign-in', ...page(() => import('./features/account/SignInPage')) },
      { path: 'sign-up', ...page(() => import('./features/account/SignUpPage')) },
      { path: 'invite/:token', ...page(() => import('./features/invitations/InvitePage')) },
      { path: 'privacy', ...page(() => import('./features/info/PrivacyPage')) },
      { path: 'what-is-a-plg', ...page(() => import('./features/info/WhatIsPlgPage')) },
      { path: 'dev/outbox', ...page(() => import('./features/dev/OutboxPage')) },
      {
        element: <RequireAuth />,
        children: [
          { path: 'account', ...page(() => import('./features/account/AccountPage')) },
          { path: 'account/notifications', ...page(() => import('./features/notifications/NotificationsPage')) },
          { path: 'networks/new', ...page(() => import('./features/networks/NewNetworkPage')) },
          { path: 'networks/:networkId', ...page(() => import('./features/networks/NetworkPage')) },
          { path: 'networks/:networkId/communities/new', ...page(() => import('./features/networks/NewCommunityPage')) },
          { path: 'networks/:networkId/monitor', ...page(() => import('./features/networkMonitor/NetworkMonitorPage')) },
          // The live meeting room stands on its own (no community tabs or meeting header): it is
          // used on phones and on one shared screen during the meeting.
          { path: 'communities/:communityId/meetings/:meetingId/room', ...page(() => import('./features/room/RoomPage')) },
          {
            path: 'communities/:communityId',
            ...page(() => import('./features/communities/CommunityLayout')),
            children: [
              { index: true, ...page(() => import('./features/communities/OverviewPage')) },
              { path: 'table', ...page(() => import('./features/communities/TablePage')) },
              { path: 'invitations', ...page(() => import('./features/invitations/InvitationsPage')) },
              { path: 'history', ...page(() => import('./features/communities/HistoryPage')) },
              { path: 'edit', ...page(() => import('./features/communities/EditCommunityPage')) },
              { path: 'meetings', ...page(() => import('./features/meetings/MeetingsPage')) },
              { path: 'meetings/new', ...page(() => import('./features/meetings/PlanMeetingsPage')) },
              { path: 'series/:seriesId', ...page(() => import('./features/meetings/SeriesPage')) },
              { path: 'rota', ...page(() => import('./features/rota/RotaPage')) },
              { path: 'knowledge', ...page(() => import('./features/knowledge/KnowledgePage')) },
              { path: 'proposals', ...page(() => import('./features/decisions/ProposalsPage')) },
              { path: 'proposals/new', ...page(() => import('./features/decisions/NewProposalPage')) },
              { path: 'proposals/:proposalId', ...page(() => import('./features/decisions/ProposalPage')) },
              { path: 'decisions', ...page(() => import('./features/decisions/DecisionLogPage')) },
              { path: 'monitor', ...page(() => import('./features/monitor/MonitorPage')) },
              { path: 'monitor/evaluations/:evaluationId', ...page(() => import('./features/monitor/EvaluationPage')) },
              {
                path: 'meetings/:meetingId',
                ...page(() => import('./features/meetings/MeetingLayout')),
                children: [
                  { index: true, ...page(() => import('./features/meetings/MeetingOverviewPage')) },
                  { path: 'programme', ...page(() => import('./features/agenda/AgendaPage')) },
                  { path: 'minutes', ...page(() => import('./features/agenda/MinutesPage')) },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', ...page(() => import('./features/info/NotFoundPage')) },
    ],
  },
];

export const router = createBrowserRouter(routes);

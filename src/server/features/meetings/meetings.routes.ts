import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { id, problem } from '../../../contracts/api';
import {
  attendanceBody,
  cancelMeetingBody,
  changeSeriesBody,
  createMeetingBody,
  createSeriesBody,
  endSeriesBody,
  meetingDetail,
  meetingListQuery,
  meetingSummary,
  presenceBody,
  restoreMeetingBody,
  rhythm,
  series,
  updateMeetingBody,
} from '../../../contracts/meetings';
import { requireUser } from '../../context';
import * as service from './meetings.service';
import * as seriesService from './series.service';
import { getRhythm } from './rhythm.service';

const tags = ['meetings'];
const errors = { 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const communityParams = z.object({ communityId: id });
const seriesParams = z.object({ seriesId: id });
const meetingParams = z.object({ meetingId: id });

export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/communities/:communityId/meetings',
    { schema: { tags, summary: "A community's meetings (upcoming or past)", params: communityParams, querystring: meetingListQuery, response: { 200: z.array(meetingSummary), ...errors } } },
    async (req) => service.listMeetings(ctx, requireUser(req), req.params.communityId, req.query),
  );

  app.post(
    '/communities/:communityId/meetings',
    { schema: { tags, summary: 'Add one extra meeting (chair or coordinator)', params: communityParams, body: createMeetingBody, response: { 201: meetingDetail, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.createMeeting(ctx, requireUser(req), req.params.communityId, req.body)),
  );

  app.get(
    '/communities/:communityId/series',
    { schema: { tags, summary: "A community's meeting series", params: communityParams, response: { 200: z.array(series), ...errors } } },
    async (req) => seriesService.listSeries(ctx, requireUser(req), req.params.communityId),
  );

  app.post(
    '/communities/:communityId/series',
    { schema: { tags, summary: 'Plan a series of meetings, monthly by default (chair or coordinator); members are invited by mail', params: communityParams, body: createSeriesBody, response: { 201: series, ...errors } } },
    async (req, reply) => reply.code(201).send(await seriesService.createSeries(ctx, requireUser(req), req.params.communityId, req.body)),
  );

  app.get(
    '/communities/:communityId/rhythm',
    { schema: { tags, summary: 'The next meeting with its programme and input status, the last minutes, and a warning about long gaps', params: communityParams, response: { 200: rhythm, ...errors } } },
    async (req) => getRhythm(ctx, requireUser(req), req.params.communityId),
  );

  app.get('/series/:seriesId', { schema: { tags, summary: 'A meeting series', params: seriesParams, response: { 200: series, ...errors } } }, async (req) =>
    seriesService.getSeries(ctx, requireUser(req), req.params.seriesId),
  );

  app.post(
    '/series/:seriesId/change',
    { schema: { tags, summary: 'Change a series from a date onward (earlier meetings stay as they were)', params: seriesParams, body: changeSeriesBody, response: { 200: series, ...errors } } },
    async (req) => seriesService.changeSeries(ctx, requireUser(req), req.params.seriesId, req.body),
  );

  app.post(
    '/series/:seriesId/end',
    { schema: { tags, summary: 'End a series from a date (its later meetings are cancelled)', params: seriesParams, body: endSeriesBody, response: { 200: series, ...errors } } },
    async (req) => seriesService.endSeries(ctx, requireUser(req), req.params.seriesId, req.body),
  );

  app.get('/meetings/:meetingId', { schema: { tags, summary: 'A meeting with attendance', params: meetingParams, response: { 200: meetingDetail, ...errors } } }, async (req) =>
    service.getMeeting(ctx, requireUser(req), req.params.meetingId),
  );

  app.patch(
    '/meetings/:meetingId',
    { schema: { tags, summary: 'Move or change one meeting; send the version you edited (409 with the current meeting when stale)', params: meetingParams, body: updateMeetingBody, response: { 200: meetingDetail, ...errors } } },
    async (req) => service.updateMeeting(ctx, requireUser(req), req.params.meetingId, req.body),
  );

  app.post(
    '/meetings/:meetingId/cancel',
    { schema: { tags, summary: 'Cancel one meeting with a reason', params: meetingParams, body: cancelMeetingBody, response: { 200: meetingDetail, ...errors } } },
    async (req) => service.cancelMeeting(ctx, requireUser(req), req.params.meetingId, req.body),
  );

  app.post(
    '/meetings/:meetingId/restore',
    { schema: { tags, summary: 'Undo the cancellation of a meeting', params: meetingParams, body: restoreMeetingBody, response: { 200: meetingDetail, ...errors } } },
    async (req) => service.restoreMeeting(ctx, requireUser(req), req.params.meetingId, req.body),
  );

  app.put(
    '/meetings/:meetingId/attendance',
    { schema: { tags, summary: 'Say whether you will be there (yes / no / maybe, with an optional reason)', params: meetingParams, body: attendanceBody, response: { 200: meetingDetail, ...errors } } },
    async (req) => service.respond(ctx, requireUser(req), req.params.meetingId, req.body),
  );

  app.put(
    '/meetings/:meetingId/presence',
    { schema: { tags, summary: 'Record who was actually present (the chair, once the meeting has started)', params: meetingParams, body: presenceBody, response: { 200: meetingDetail, ...errors } } },
    async (req) => service.recordPresence(ctx, requireUser(req), req.params.meetingId, req.body),
  );
};

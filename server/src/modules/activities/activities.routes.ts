import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, IdParams, PageQuery, pageOf } from '@shared/schemas/common';
import {
  Activity,
  ActivityCreateBody,
  ActivityCreated,
  ActivityListQuery,
  ActivityPage,
  ActivityUpdateBody,
  AttendanceResponse,
  BatchReviewBody,
  CheckinBody,
  CheckinCode,
  Dispute,
  DisputeAnswerBody,
  DisputeBody,
  DisputePage,
  DueQuery,
  ManualAttendanceBody,
  RecordPage,
  RetroPendingQuery,
  RetroRecordBody,
  RetroRejectBody,
  ReviewBody,
  Roster,
  ServiceRecord,
  ServiceRecordResponse,
  SettleBody,
  SettleResponse,
  Signup,
  SignupBody,
} from '@shared/schemas/activities';
import * as activities from './activities.service';
import * as signups from './signups.service';
import * as checkin from './checkin.service';
import * as records from './records.service';
import * as retro from './retro.service';
import { loadActivity } from './activities.service';
import { addWorkingDays } from '../../lib/working-days';
import { onReads } from '../../plugins/read-routing';

const UserParams = z.object({ id: Id, userId: Id });

export const activitiesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/activities', { schema: { tags: ['activities'], summary: 'Draft an activity (a weekly series with repeatWeeklyUntil); org admin', body: ActivityCreateBody, response: { 201: ActivityCreated } } }, async (req, reply) => {
    const a = await activities.createActivity(app.ctx, req.requireActor(), req.body);
    reply.status(201);
    return a;
  });

  app.get('/activities', { schema: { tags: ['activities'], summary: 'Published activities (public); every status for the organisation’s or region’s admins', querystring: ActivityListQuery, response: { 200: ActivityPage } } }, async (req) =>
    onReads(app, req, (ctx) => activities.listActivities(ctx, req.actor, req.query)),
  );

  app.get(
    '/activities/settlements-due',
    { schema: { tags: ['activities'], summary: 'Ended, unsettled activities close to their 10-working-day deadline', querystring: DueQuery, response: { 200: pageOf(Activity.extend({ workingDaysLeft: z.number().int() })) } } },
    async (req) => activities.settlementsDue(app.ctx, req.requireActor(), req.query),
  );

  app.post('/activities/review-batch', { schema: { tags: ['activities'], summary: 'Approve many pending activities; each checked and audited on its own', body: BatchReviewBody, response: { 200: z.object({ approved: z.number().int(), results: z.array(z.object({ id: z.string(), ok: z.boolean(), code: z.string().optional(), message: z.string().optional() })) }) } } }, async (req) =>
    activities.batchApprove(app.ctx, req.requireActor(), req.body.ids),
  );

  app.get('/activities/:id', { schema: { tags: ['activities'], summary: 'One activity', params: IdParams, response: { 200: Activity } } }, async (req) => activities.getActivity(app.ctx, req.actor, req.params.id));

  app.patch('/activities/:id', { schema: { tags: ['activities'], summary: 'Edit a draft or rejected activity; org admin', params: IdParams, body: ActivityUpdateBody, response: { 200: Activity } } }, async (req) =>
    activities.updateActivity(app.ctx, req.requireActor(), req.params.id, req.body),
  );

  app.post('/activities/:id/submit', { schema: { tags: ['activities'], summary: 'Submit for review (status pending_review)', params: IdParams, response: { 200: Activity } } }, async (req) =>
    activities.submitActivity(app.ctx, req.requireActor(), req.params.id),
  );

  app.post('/activities/:id/review', { schema: { tags: ['activities'], summary: 'Approve (published) or reject with a reason; region admin holding it', params: IdParams, body: ReviewBody, response: { 200: Activity } } }, async (req) =>
    activities.reviewActivity(app.ctx, req.requireActor(), req.params.id, req.body.decision, req.body.reason),
  );

  app.post('/activities/:id/cancel', { schema: { tags: ['activities'], summary: 'Cancel an activity, with a reason', params: IdParams, body: z.object({ reason: z.string().trim().min(2).max(300) }), response: { 200: Activity } } }, async (req) =>
    activities.cancelActivity(app.ctx, req.requireActor(), req.params.id, req.body.reason),
  );

  app.post('/activities/:id/signups', { schema: { tags: ['signups'], summary: 'Sign up (confirmed or waitlisted); an org admin may sign up a member with userId', params: IdParams, body: SignupBody.optional(), response: { 201: Signup } } }, async (req, reply) => {
    const s = await signups.signUp(app.ctx, req.requireActor(), req.params.id, req.body?.userId);
    reply.status(201);
    return s;
  });

  app.get('/activities/:id/signups', { schema: { tags: ['signups'], summary: 'Sign-ups with waitlist positions; org admin', params: IdParams, response: { 200: z.object({ items: z.array(Signup) }) } } }, async (req) => ({
    items: await signups.listSignups(app.ctx, req.requireActor(), req.params.id),
  }));

  app.delete('/activities/:id/signups/me', { schema: { tags: ['signups'], summary: 'Cancel my sign-up before the deadline; the first waitlisted moves up', params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await signups.cancelSignup(app.ctx, req.requireActor(), req.params.id);
    return reply.status(204).send(null);
  });

  app.delete('/activities/:id/signups/:userId', { schema: { tags: ['signups'], summary: 'Cancel a member’s sign-up; org admin', params: UserParams, response: { 204: z.null() } } }, async (req, reply) => {
    await signups.cancelSignup(app.ctx, req.requireActor(), req.params.id, req.params.userId);
    return reply.status(204).send(null);
  });

  app.get('/activities/:id/checkin-code', { schema: { tags: ['checkin'], summary: 'The kiosk’s rotating token, the URL the QR code encodes, live counts; org admin', params: IdParams, response: { 200: CheckinCode } } }, async (req) =>
    checkin.checkinCode(app.ctx, req.requireActor(), req.params.id),
  );

  app.post('/activities/:id/checkin', { schema: { tags: ['checkin'], summary: 'Check in with the scanned token and the browser’s location; a repeat answers 200 with the same attendance', params: IdParams, body: CheckinBody, response: { 200: AttendanceResponse, 201: AttendanceResponse } } }, async (req, reply) => {
    const r = await checkin.checkIn(app.ctx, req.requireActor(), req.params.id, req.body);
    reply.status(r.created ? 201 : 200);
    return { attendance: r.attendance };
  });

  app.post('/activities/:id/checkout', { schema: { tags: ['checkin'], summary: 'Check out; answers the attendance with its minutes', params: IdParams, body: CheckinBody, response: { 200: AttendanceResponse } } }, async (req) =>
    checkin.checkOut(app.ctx, req.requireActor(), req.params.id, req.body),
  );

  app.post('/activities/:id/attendance/manual', { schema: { tags: ['checkin'], summary: 'Record attendance by hand for a volunteer without a phone (marked manual, audited); org admin', params: IdParams, body: ManualAttendanceBody, response: { 201: AttendanceResponse } } }, async (req, reply) => {
    const r = await checkin.recordManualAttendance(app.ctx, req.requireActor(), req.params.id, req.body);
    reply.status(201);
    return r;
  });

  app.get('/activities/:id/attendance', { schema: { tags: ['checkin'], summary: 'The roster: sign-ups, attendance, minutes and records; org admin', params: IdParams, response: { 200: Roster } } }, async (req) => {
    const actor = req.requireActor();
    const items = await checkin.roster(app.ctx, actor, req.params.id);
    const a = await loadActivity(app.ctx.db, req.params.id);
    return { items, settleDeadline: addWorkingDays(a.endsAt, activities.SETTLE_WORKING_DAYS), settledAt: a.settledAt?.toISOString() ?? null };
  });

  app.post('/activities/:id/settle', { schema: { tags: ['records'], summary: 'Settle the roster into service records; credits the time bank once, however often it is called', params: IdParams, body: SettleBody, response: { 200: SettleResponse } } }, async (req) =>
    records.settle(app.ctx, req.requireActor(), req.params.id, req.body.entries, req.body.beneficiaries),
  );

  app.post('/service-records', { schema: { tags: ['records'], summary: 'Retroactive record (补录) for a member, with an evidence note; org admin; above the threshold it waits (pending_approval) for a second staff member', body: RetroRecordBody, response: { 201: ServiceRecordResponse } } }, async (req, reply) => {
    const r = await retro.createRetroactiveRecord(app.ctx, req.requireActor(), req.body);
    reply.status(201);
    return { serviceRecord: r };
  });

  app.get('/service-records/pending-approval', { schema: { tags: ['records'], summary: '补录 waiting for a second staff member’s approval (orgId, or every organisation in my scope); never my own or those I recorded', querystring: RetroPendingQuery, response: { 200: RecordPage } } }, async (req) =>
    retro.listPendingRetro(app.ctx, req.requireActor(), req.query),
  );

  app.post('/service-records/:id/approve', { schema: { tags: ['records'], summary: 'Approve a pending 补录 (a staff member other than its recorder and its volunteer): confirmed and credited', params: IdParams, response: { 200: ServiceRecordResponse } } }, async (req) => ({
    serviceRecord: await retro.approveRetro(app.ctx, req.requireActor(), req.params.id),
  }));

  app.post('/service-records/:id/reject', { schema: { tags: ['records'], summary: 'Reject a pending 补录 with a reason: nothing credited; the volunteer is told', params: IdParams, body: RetroRejectBody, response: { 200: ServiceRecordResponse } } }, async (req) => ({
    serviceRecord: await retro.rejectRetro(app.ctx, req.requireActor(), req.params.id, req.body.reason),
  }));

  app.get('/me/service-records', { schema: { tags: ['records'], summary: 'My service records', querystring: PageQuery, response: { 200: RecordPage } } }, async (req) => {
    const actor = req.requireActor();
    return onReads(app, req, (ctx) => records.myRecords(ctx, actor, req.query));
  });

  app.get('/orgs/:id/service-records', { schema: { tags: ['records'], summary: 'An organisation’s service records; its admins and the region’s', params: IdParams, querystring: PageQuery, response: { 200: RecordPage } } }, async (req) =>
    onReads(app, req, (ctx) => records.orgRecords(ctx, req.requireActor(), req.params.id, req.query)),
  );

  app.get('/service-records/:id', { schema: { tags: ['records'], summary: 'One record (its volunteer or the organisation’s admins)', params: IdParams, response: { 200: ServiceRecord } } }, async (req) => records.getRecord(app.ctx, req.requireActor(), req.params.id));

  app.post('/service-records/:id/disputes', { schema: { tags: ['records'], summary: 'Dispute my record (art. 13)', params: IdParams, body: DisputeBody, response: { 201: Dispute } } }, async (req, reply) => {
    const d = await records.openDispute(app.ctx, req.requireActor(), req.params.id, req.body.reason);
    reply.status(201);
    return d;
  });

  app.get('/disputes', { schema: { tags: ['records'], summary: 'Disputes of an organisation (orgId, its admins), of home services in my communities (scope=community, region admins), or my own', querystring: PageQuery.extend({ orgId: Id.optional(), scope: z.enum(['community']).optional(), status: z.enum(['open', 'corrected', 'rejected']).optional() }), response: { 200: DisputePage } } }, async (req) =>
    records.listDisputes(app.ctx, req.requireActor(), req.query),
  );

  app.post('/disputes/:id/answer', { schema: { tags: ['records'], summary: 'Answer a dispute: reject, or correct with a new record that reverses the old one', params: IdParams, body: DisputeAnswerBody, response: { 200: z.object({ dispute: Dispute, correction: ServiceRecord.nullable() }) } } }, async (req) =>
    records.answerDispute(app.ctx, req.requireActor(), req.params.id, req.body),
  );
};

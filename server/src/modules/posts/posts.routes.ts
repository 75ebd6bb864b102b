import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@shared/schemas/common';
import {
  AnnounceBody,
  ApplicationBody,
  ClosureBody,
  ComputeFlagsBody,
  ComputeFlagsResult,
  ConfirmBody,
  EndBody,
  Flag,
  FlagPage,
  FlagQuery,
  FlagReviewBody,
  HardshipBody,
  HardshipEntry,
  HardshipPage,
  HardshipQuery,
  ManualAttendanceBody,
  MonthQuery,
  MonthlyReport,
  MyWelfarePost,
  ObjectionBody,
  ObjectionReceipt,
  ObjectionReviewBody,
  Placement,
  PlacementPage,
  PlacementQuery,
  PlanBody,
  PostCheckinBody,
  PostCheckinCode,
  PostCheckinResult,
  PostMonth,
  Progress,
  ProgressQuery,
  PublicNotice,
  PublicNoticePage,
  PublicNoticeQuery,
  RejectBody,
  ReportQuery,
  StatusListBody,
  StatusListResult,
  StepBody,
  StepDocParams,
  WelfarePost,
  WelfarePostBody,
  WelfarePostPage,
  WelfarePostQuery,
} from '@shared/schemas/posts';
import { sendXlsx } from '../../lib/excel';
import { recordAudit } from '../audit/index';
import * as posts from './posts.service';
import * as placements from './placements.service';
import * as attendance from './attendance.service';
import * as checks from './checks.service';
import { monthlyReport } from './report.service';

const tags = ['welfare-posts'];
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Public-welfare posts (公益性岗位): posts, plan, register, the procedure, the public notice, attendance, checks, report. */
export const postsRoutes: FastifyPluginAsyncZod = async (app) => {
  // ——— posts, plan, progress ———
  app.post('/welfare-posts', { schema: { tags, summary: 'Develop a post in a town: kind, category, place with its fence, hours, pay band (fen), supervising unit; region admin (audited)', body: WelfarePostBody, response: { 201: WelfarePost } } }, async (req, reply) =>
    reply.status(201).send(await posts.createPost(app.ctx, req.requireActor(), req.body)),
  );
  app.get('/welfare-posts', { schema: { tags, summary: 'Posts of my regions and of the units I supervise (or of one region), newest first', querystring: WelfarePostQuery, response: { 200: WelfarePostPage } } }, async (req) =>
    posts.listPosts(app.ctx, req.requireActor(), req.query),
  );
  app.get('/welfare-posts/progress', { schema: { tags, summary: 'Posts and placements by town against the year’s plan (the district office’s progress figures); region admin', querystring: ProgressQuery, response: { 200: Progress } } }, async (req) =>
    posts.progress(app.ctx, req.requireActor(), req.query),
  );
  app.put('/welfare-plans', { schema: { tags, summary: 'Set a town’s plan for a year (rural and urban posts); region admin (audited)', body: PlanBody, response: { 200: Progress } } }, async (req) =>
    posts.setPlan(app.ctx, req.requireActor(), req.body),
  );
  app.get('/welfare-posts/:id', { schema: { tags, summary: 'One post; its region’s admins or its supervising unit', params: IdParams, response: { 200: WelfarePost } } }, async (req) =>
    posts.getPost(app.ctx, req.requireActor(), req.params.id),
  );
  app.post('/welfare-posts/:id/announce', { schema: { tags, summary: 'Announce the post (招聘公告) with its document: it opens to applications; region admin (audited)', params: IdParams, body: AnnounceBody, response: { 200: WelfarePost } } }, async (req) =>
    posts.announcePost(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.get('/welfare-posts/:id/announcement', { schema: { tags, summary: 'The post’s announcement document (public, as on the notice board)', params: IdParams } }, async (req, reply) => {
    const d = await placements.announcementDocument(app.ctx, req.params.id);
    return reply.type(d.type).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(d.name)}`).send(d.bytes);
  });

  // ——— the hardship register and imported status lists ———
  app.post('/hardship-register', { schema: { tags, summary: 'Register a person as in hardship in the region they live in, with the evidence; region admin (audited)', body: HardshipBody, response: { 201: HardshipEntry } } }, async (req, reply) =>
    reply.status(201).send(await posts.registerHardship(app.ctx, req.requireActor(), req.body)),
  );
  app.get('/hardship-register', { schema: { tags, summary: 'The hardship register of a region (ID numbers masked); region admin', querystring: HardshipQuery, response: { 200: HardshipPage } } }, async (req) =>
    posts.listHardship(app.ctx, req.requireActor(), req.query),
  );
  app.post('/person-status-lists', { schema: { tags, summary: 'Import a list of people deceased or moved away (only a keyed hash of each ID number is kept); region admin (audited)', body: StatusListBody, response: { 201: StatusListResult } } }, async (req, reply) =>
    reply.status(201).send(await posts.importStatusList(app.ctx, req.requireActor(), req.body)),
  );

  // ——— placements through the procedure ———
  app.post('/welfare-posts/:id/applications', { schema: { tags, summary: 'Apply for a recruiting post (the person, or the town’s staff on their behalf with userId): in the hardship register of their region, one post per person', params: IdParams, body: ApplicationBody, response: { 201: Placement } } }, async (req, reply) =>
    reply.status(201).send(await placements.apply(app.ctx, req.requireActor(), req.params.id, req.body)),
  );
  app.get('/welfare-placements', { schema: { tags, summary: 'Placements of a post, a region or my scope, newest first', querystring: PlacementQuery, response: { 200: PlacementPage } } }, async (req) =>
    placements.listPlacements(app.ctx, req.requireActor(), req.query),
  );
  app.get('/welfare-placements/:id', { schema: { tags, summary: 'A placement with its steps and objections; the post’s staff or the person placed', params: IdParams, response: { 200: Placement } } }, async (req) =>
    placements.getPlacement(app.ctx, req.requireActor(), req.params.id),
  );
  app.post('/welfare-placements/:id/steps', { schema: { tags, summary: 'Record the next step of the procedure (in order, never skipped or repeated) with its note and document; reviews by region admins (county approval at county level), agreement/training/start also by the supervising unit (audited)', params: IdParams, body: StepBody, response: { 201: Placement } } }, async (req, reply) =>
    reply.status(201).send(await placements.doStep(app.ctx, req.requireActor(), req.params.id, req.body)),
  );
  app.get('/welfare-placements/:id/steps/:stepId/document', { schema: { tags, summary: 'A step’s document; the post’s staff or the person placed', params: StepDocParams } }, async (req, reply) => {
    const d = await placements.stepDocument(app.ctx, req.requireActor(), req.params.id, req.params.stepId);
    return reply.type(d.type).header('cache-control', 'private, max-age=300').header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(d.name)}`).send(d.bytes);
  });
  app.post('/welfare-placements/:id/reject', { schema: { tags, summary: 'Turn an application down during the procedure; region admin (audited)', params: IdParams, body: RejectBody, response: { 200: Placement } } }, async (req) =>
    placements.rejectPlacement(app.ctx, req.requireActor(), req.params.id, req.body.reason),
  );
  app.post('/welfare-placements/:id/end', { schema: { tags, summary: 'End an active placement on a date; region admin (audited)', params: IdParams, body: EndBody, response: { 200: Placement } } }, async (req) =>
    placements.endPlacement(app.ctx, req.requireActor(), req.params.id, req.body),
  );

  // ——— the public notice (公示) ———
  app.get('/public/welfare-notices', { schema: { tags, summary: 'Public notices of placements up now or ended in the last 30 days (names masked)', querystring: PublicNoticeQuery, response: { 200: PublicNoticePage } } }, async (req) => placements.listNotices(app.ctx, req.query));
  app.get('/public/welfare-notices/:id', { schema: { tags, summary: 'One public notice (by placement id)', params: IdParams, response: { 200: PublicNotice } } }, async (req) => placements.getNotice(app.ctx, req.params.id));
  app.post('/public/welfare-notices/:id/objections', { schema: { tags, summary: 'Object to a placement while its notice is up (anyone; rate-limited); staff review it before approval', params: IdParams, body: ObjectionBody, response: { 201: ObjectionReceipt } } }, async (req, reply) =>
    reply.status(201).send(await placements.objectToNotice(app.ctx, req.ip ?? null, req.params.id, req.body)),
  );
  app.post('/welfare-objections/:id/review', { schema: { tags, summary: 'Review an objection: dismiss (the procedure goes on) or uphold (the placement is turned down); region admin (audited)', params: IdParams, body: ObjectionReviewBody, response: { 200: Placement } } }, async (req) =>
    placements.reviewObjection(app.ctx, req.requireActor(), req.params.id, req.body),
  );

  // ——— attendance ———
  app.get('/welfare-posts/:id/checkin-code', { schema: { tags, summary: 'The kiosk at the post: the rotating token, the URL its QR code encodes, who is here today; the post’s staff', params: IdParams, response: { 200: PostCheckinCode } } }, async (req) =>
    attendance.postCheckinCode(app.ctx, req.requireActor(), req.params.id),
  );
  app.post('/welfare-posts/:id/checkin', { schema: { tags, summary: 'The worker checks in for the day with the scanned token and the phone’s position (outside the fence recorded and flagged); a repeat answers 200', params: IdParams, body: PostCheckinBody, response: { 200: PostCheckinResult, 201: PostCheckinResult } } }, async (req, reply) => {
    const r = await attendance.postCheckIn(app.ctx, req.requireActor(), req.params.id, req.body);
    reply.status(r.created ? 201 : 200);
    return r.body;
  });
  app.post('/welfare-posts/:id/attendance', { schema: { tags, summary: 'Record a worker’s day by hand (no smartphone; marked, audited; never one’s own); the post’s staff', params: IdParams, body: ManualAttendanceBody, response: { 201: PostCheckinResult } } }, async (req, reply) =>
    reply.status(201).send(await attendance.recordPostAttendance(app.ctx, req.requireActor(), req.params.id, req.body)),
  );
  app.get('/welfare-posts/:id/month', { schema: { tags, summary: 'A post’s month: closed days, each worker’s expected and present days, the confirmation; the post’s staff', params: IdParams, querystring: MonthQuery, response: { 200: PostMonth } } }, async (req) =>
    attendance.postMonth(app.ctx, req.requireActor(), req.params.id, req.query.month),
  );
  app.post('/welfare-posts/:id/closures', { schema: { tags, summary: 'Mark a day closed (weather, holiday); the post’s staff (audited)', params: IdParams, body: ClosureBody, response: { 200: PostMonth } } }, async (req) =>
    attendance.markClosed(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post('/welfare-posts/:id/confirmations', { schema: { tags, summary: 'Confirm a month’s attendance (the payroll’s basis); the supervising unit or the region’s admins, never someone placed on the post (audited)', params: IdParams, body: ConfirmBody, response: { 201: PostMonth } } }, async (req, reply) =>
    reply.status(201).send(await attendance.confirmMonth(app.ctx, req.requireActor(), req.params.id, req.body)),
  );
  app.get('/me/welfare-post', { schema: { tags, summary: 'My public-welfare post, this month’s days and whether today is recorded', response: { 200: MyWelfarePost } } }, async (req) => attendance.myWelfarePost(app.ctx, req.requireActor()));

  // ——— checks ———
  app.post('/welfare-flags/compute', { schema: { tags, summary: 'Run the checks for a month over a region’s posts or one post: flags with evidence for review, never a cut (audited)', body: ComputeFlagsBody, response: { 200: ComputeFlagsResult } } }, async (req) =>
    checks.computeFlags(app.ctx, req.requireActor(), req.body),
  );
  app.get('/welfare-flags', { schema: { tags, summary: 'Flags of a region, a post or my scope, by month, status and kind', querystring: FlagQuery, response: { 200: FlagPage } } }, async (req) => checks.listFlags(app.ctx, req.requireActor(), req.query));
  app.post('/welfare-flags/:id/review', { schema: { tags, summary: 'Review a flag: confirmed or dismissed, with a note; region admin, not about oneself (audited)', params: IdParams, body: FlagReviewBody, response: { 200: Flag } } }, async (req) =>
    checks.reviewFlag(app.ctx, req.requireActor(), req.params.id, req.body),
  );

  // ——— the monthly report ———
  app.get('/welfare-reports/monthly', { schema: { tags, summary: 'The month per worker, per post and per town: days expected, present and confirmed, flags open and closed; a region’s admins or a post’s staff', querystring: ReportQuery, response: { 200: MonthlyReport } } }, async (req) =>
    monthlyReport(app.ctx, req.requireActor(), req.query),
  );
  app.get('/welfare-reports/monthly.xlsx', { schema: { tags, summary: 'The same report as an Excel file for the payroll (one row per worker; audited)', querystring: ReportQuery } }, async (req, reply) => {
    const actor = req.requireActor();
    const report = await monthlyReport(app.ctx, actor, req.query);
    await recordAudit(app.ctx, app.ctx.db, actor, { action: 'welfare_report.export', objectType: 'welfare_report', objectId: req.query.postId ?? null, regionCode: req.query.regionCode ?? actor.regionCode, before: null, after: { ...req.query, rows: report.rows.length } });
    return sendXlsx(reply, `公益性岗位考勤月报-${report.month}.xlsx`, '考勤月报', [
      { header: '乡镇（街道）', width: 16, value: (r) => r.townName },
      { header: '岗位', width: 24, value: (r) => r.postTitle },
      { header: '姓名', width: 10, value: (r) => r.workerName },
      { header: '身份证号', width: 22, value: (r) => r.idNumberMasked ?? '' },
      { header: '应出勤天数', width: 12, value: (r) => r.daysExpected },
      { header: '实际出勤天数', width: 12, value: (r) => r.daysPresent },
      { header: '确认出勤天数', width: 12, value: (r) => (r.daysConfirmed === null ? '未确认' : r.daysConfirmed) },
      { header: '待核查提示', width: 12, value: (r) => r.flagsOpen },
      { header: '已核查提示', width: 12, value: (r) => r.flagsClosed },
      { header: '岗位补贴（元/月）', width: 20, value: (r) => (r.payMinFen === r.payMaxFen ? yuan(r.payMinFen) : `${yuan(r.payMinFen)}–${yuan(r.payMaxFen)}`) },
    ], report.rows);
  });
};

import type { Actor, AppContext } from '../../context';
import type { Db } from '../../db/client';
import { withTx, type DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { chinaDate } from '../../lib/working-days';
import { cityCodeOf } from '@shared/lib/region-code';
import { maskName } from '@shared/lib/person-name';
import type { PageQuery } from '@shared/schemas/common';
import { authorize, can, regionScopes, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { orderService } from '../requests/index';
import { COUNCIL_MANAGE } from './council.policy';
import * as repo from './council.repository';

/**
 * 小板凳议事会: residents raise topics for their community from their phones (or staff type them
 * in for them), neighbours support them (one support per account), the community's staff put
 * topics on a council meeting at a place and time, record the minutes and the decisions (who
 * follows up, by which day), and mark them done; residents follow each topic to its end. A
 * decision open past its day is overdue (flagged on read, listed for the staff). A topic becomes
 * a residents' request in one step, through the requests module's on-behalf path.
 */

type DecisionOut = { id: string; meetingId: string; topicId: string; decision: string; ownerName: string; dueDate: string; status: 'open' | 'done'; overdue: boolean; doneAt: string | null; doneNote: string | null };
const decisionView = (d: repo.DecisionRow, today: string): DecisionOut => ({
  id: d.id,
  meetingId: d.meetingId,
  topicId: d.topicId,
  decision: d.decision,
  ownerName: d.ownerName,
  dueDate: d.dueDate,
  status: d.status as 'open' | 'done',
  overdue: d.status === 'open' && d.dueDate < today,
  doneAt: d.doneAt?.toISOString() ?? null,
  doneNote: d.doneNote,
});

/** Whether the actor lives in the region (their own region lies in its subtree). */
async function livesIn(db: DbOrTx, actor: Actor, regionPath: string): Promise<boolean> {
  if (!actor.regionCode) return false;
  const mine = await regionTarget(db, actor.regionCode).catch(() => null);
  return !!mine && mine.regionPath.startsWith(regionPath);
}

async function topicViews(ctx: AppContext, db: DbOrTx, actor: Actor, rows: repo.TopicView[]) {
  const ids = rows.map((r) => r.t.id);
  const today = chinaDate(ctx.clock.now());
  // one after the other: `db` may be a transaction's single connection
  const supported = await repo.supportedBy(db, ids, actor.userId);
  const meetings = await repo.meetingsOfTopics(db, ids);
  const decisions = await repo.decisionsOf(db, { topicIds: ids });
  return rows.map((r) => {
    const staff = can(actor, COUNCIL_MANAGE, { regionPath: r.regionPath });
    const isMine = r.t.raisedBy === actor.userId;
    const ds = decisions.filter((d) => d.topicId === r.t.id).map((d) => decisionView(d, today));
    return {
      id: r.t.id,
      regionCode: r.t.regionCode,
      regionName: r.regionName,
      title: r.t.title,
      description: r.t.description,
      raisedByName: isMine || staff ? r.raisedByName : maskName(r.raisedByName),
      isMine,
      onBehalf: !!r.t.onBehalfBy,
      supportCount: r.t.supportCount,
      supportedByMe: supported.has(r.t.id),
      status: r.t.status as 'open' | 'scheduled' | 'decided' | 'done' | 'closed',
      requestId: r.t.requestId,
      closedNote: r.t.closedNote,
      meetings: meetings.filter((m) => m.topicId === r.t.id).map((m) => ({ id: m.id, title: m.title, startsAt: m.startsAt.toISOString(), status: m.status as 'scheduled' | 'held' })),
      decisions: ds,
      overdue: ds.some((d) => d.overdue),
      createdAt: r.t.createdAt.toISOString(),
    };
  });
}

async function topicOr404(db: DbOrTx, id: string) {
  const t = await repo.findTopic(db, id);
  if (!t) throw notFound('议题 topic');
  return t;
}

/** A resident raises a topic for the community they live in; staff may type one in for a resident (on behalf, audited). */
export async function raiseTopic(ctx: AppContext, actor: Actor, body: { regionCode: string; title: string; description: string; residentId?: string | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const region = await regionTarget(tx, body.regionCode);
    const onBehalf = !!body.residentId && body.residentId !== actor.userId;
    if (onBehalf) authorize(actor, COUNCIL_MANAGE, region);
    else if (!(await livesIn(tx, actor, region.regionPath)) && !can(actor, COUNCIL_MANAGE, region)) {
      throw new AppError('FORBIDDEN', '只能在自己居住的社区提出议题 / You can raise topics only in the community you live in');
    }
    const now = ctx.clock.now();
    const id = newId();
    await repo.insertTopic(tx, { id, cityCode: cityCodeOf(region.regionCode), regionCode: region.regionCode, title: body.title, description: body.description, raisedBy: onBehalf ? body.residentId! : actor.userId, onBehalfBy: onBehalf ? actor.userId : null, supportCount: 0, status: 'open', requestId: null, closedNote: null, createdAt: now, updatedAt: now });
    const t = await repo.findTopic(tx, id);
    if (!t) throw notFound('居民 resident');
    if (onBehalf) await recordAudit(ctx, tx, actor, { action: 'council.topic.raise_on_behalf', objectType: 'council_topic', objectId: id, regionCode: region.regionCode, onBehalfOf: body.residentId!, before: null, after: { title: body.title } });
    return (await topicViews(ctx, tx, actor, [t]))[0]!;
  });
}

/** The topics of a community: its residents and its staff (the actor's own community without one); `mine` = the topics I raised. */
export async function listTopics(ctx: AppContext, actor: Actor, q: PageQuery & { regionCode?: string | undefined; status?: string | undefined; mine?: boolean | undefined }) {
  const { limit, offset } = offsetOf(q);
  if (q.mine) {
    const page = await repo.listTopics(ctx.db, { raisedBy: actor.userId, ...(q.status ? { status: q.status } : {}) }, limit, offset);
    return { total: page.total, items: await topicViews(ctx, ctx.db, actor, page.items) };
  }
  let paths: string[];
  if (q.regionCode) {
    const region = await regionTarget(ctx.db, q.regionCode);
    if (!can(actor, COUNCIL_MANAGE, region) && !(await livesIn(ctx.db, actor, region.regionPath))) throw new AppError('FORBIDDEN', '只能查看自己所在社区的议题 / You can see the topics of your own community only');
    paths = [region.regionPath];
  } else {
    paths = regionScopes(actor, ['region_admin']);
    if (!paths.length && actor.regionCode) paths = [(await regionTarget(ctx.db, actor.regionCode)).regionPath];
  }
  const page = await repo.listTopics(ctx.db, { paths, ...(q.status ? { status: q.status } : {}) }, limit, offset);
  return { total: page.total, items: await topicViews(ctx, ctx.db, actor, page.items) };
}

async function topicForReader(db: DbOrTx, actor: Actor, id: string) {
  const t = await topicOr404(db, id);
  if (t.t.raisedBy === actor.userId || can(actor, COUNCIL_MANAGE, { regionPath: t.regionPath }) || (await livesIn(db, actor, t.regionPath))) return t;
  throw notFound('议题 topic');
}

export async function getTopic(ctx: AppContext, actor: Actor, id: string) {
  return (await topicViews(ctx, ctx.db, actor, [await topicForReader(ctx.db, actor, id)]))[0]!;
}

/** A neighbour supports a topic once (the primary key decides); the one who raised it does not count themself. */
export async function support(ctx: AppContext, actor: Actor, id: string) {
  return withTx(ctx.db, async (tx) => {
    const t = await topicForReader(tx, actor, id);
    if (t.t.raisedBy === actor.userId) throw new AppError('CONFLICT', '不能支持自己提出的议题 / You cannot support your own topic');
    if (t.t.status === 'done' || t.t.status === 'closed') throw new AppError('INVALID_STATE', '议题已办结 / This topic is finished');
    if (!(await repo.addSupport(tx, { topicId: id, userId: actor.userId, cityCode: t.t.cityCode, createdAt: ctx.clock.now() }))) throw new AppError('CONFLICT', '您已支持过这个议题 / You already support this topic');
    return (await topicViews(ctx, tx, actor, [(await repo.findTopic(tx, id))!]))[0]!;
  });
}

/** Staff put topics on a council meeting at a place and time: each topic of the region, open or already scheduled. */
export async function scheduleMeeting(ctx: AppContext, actor: Actor, body: { regionCode: string; title: string; place: string; startsAt: string; topicIds: string[] }) {
  return withTx(ctx.db, async (tx) => {
    const region = await regionTarget(tx, body.regionCode);
    authorize(actor, COUNCIL_MANAGE, region);
    const topics = await repo.topicsByIds(tx, [...new Set(body.topicIds)]);
    const bad = body.topicIds.filter((tid) => {
      const t = topics.find((x) => x.t.id === tid);
      return !t || !t.regionPath.startsWith(region.regionPath) || !['open', 'scheduled'].includes(t.t.status);
    });
    if (bad.length) throw new AppError('VALIDATION_FAILED', undefined, { fields: { topicIds: `这些议题不属于该社区或已办结 / Not open topics of this community: ${bad.join(', ')}` } });
    const now = ctx.clock.now();
    const id = newId();
    await repo.insertMeeting(tx, { id, cityCode: cityCodeOf(region.regionCode), regionCode: region.regionCode, title: body.title, place: body.place, startsAt: new Date(body.startsAt), status: 'scheduled', minutes: null, attendees: null, createdBy: actor.userId, createdAt: now, heldAt: null }, [...new Set(body.topicIds)]);
    await repo.setTopicStatus(tx, body.topicIds, ['open'], 'scheduled', now);
    await recordAudit(ctx, tx, actor, { action: 'council.meeting.schedule', objectType: 'council_meeting', objectId: id, regionCode: region.regionCode, before: null, after: body });
    return meetingView(ctx, tx, id);
  });
}

async function meetingViews(ctx: AppContext, db: DbOrTx, rows: Array<{ m: repo.MeetingRow; regionName: string }>) {
  const ids = rows.map((r) => r.m.id);
  const today = chinaDate(ctx.clock.now());
  const links = await repo.topicIdsOfMeetings(db, ids);
  const topics = await repo.topicsByIds(db, [...new Set(links.map((l) => l.topicId))]);
  const decisions = await repo.decisionsOf(db, { meetingIds: ids });
  return rows.map((r) => ({
    id: r.m.id,
    regionCode: r.m.regionCode,
    regionName: r.regionName,
    title: r.m.title,
    place: r.m.place,
    startsAt: r.m.startsAt.toISOString(),
    status: r.m.status as 'scheduled' | 'held',
    minutes: r.m.minutes,
    attendees: r.m.attendees,
    topics: links
      .filter((l) => l.meetingId === r.m.id)
      .map((l) => topics.find((t) => t.t.id === l.topicId)!)
      .map((t) => ({ id: t.t.id, title: t.t.title, status: t.t.status as 'open', supportCount: t.t.supportCount })),
    decisions: decisions.filter((d) => d.meetingId === r.m.id).map((d) => decisionView(d, today)),
  }));
}
async function meetingView(ctx: AppContext, db: DbOrTx, id: string) {
  const m = await repo.findMeeting(db, id);
  if (!m) throw notFound('议事会 meeting');
  return (await meetingViews(ctx, db, [m]))[0]!;
}

/** The council meetings of a community: its residents and staff (the actor's own community without one). */
export async function listMeetings(ctx: AppContext, actor: Actor, q: PageQuery & { regionCode?: string | undefined }) {
  const { limit, offset } = offsetOf(q);
  let paths: string[];
  if (q.regionCode) {
    const region = await regionTarget(ctx.db, q.regionCode);
    if (!can(actor, COUNCIL_MANAGE, region) && !(await livesIn(ctx.db, actor, region.regionPath))) throw new AppError('FORBIDDEN', '只能查看自己所在社区的议事会 / You can see your own community’s councils only');
    paths = [region.regionPath];
  } else {
    paths = regionScopes(actor, ['region_admin']);
    if (!paths.length && actor.regionCode) paths = [(await regionTarget(ctx.db, actor.regionCode)).regionPath];
  }
  const page = await repo.listMeetings(ctx.db, paths, limit, offset);
  return { total: page.total, items: await meetingViews(ctx, ctx.db, page.items) };
}

/** The minutes once held: the decisions with who follows up and by when, topics closed with the reason; once. */
export async function recordMinutes(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { minutes: string; attendees: number; decisions: Array<{ topicId: string; decision: string; ownerName: string; ownerUserId?: string | undefined; dueDate: string }>; closed: Array<{ topicId: string; note: string }> },
) {
  return withTx(ctx.db, async (tx) => {
    const m = await repo.findMeeting(tx, id);
    if (!m) throw notFound('议事会 meeting');
    authorize(actor, COUNCIL_MANAGE, { regionPath: m.regionPath });
    const onAgenda = new Set((await repo.topicIdsOfMeetings(tx, [id])).map((l) => l.topicId));
    const off = [...body.decisions.map((d) => d.topicId), ...body.closed.map((c) => c.topicId)].filter((tid) => !onAgenda.has(tid));
    if (off.length) throw new AppError('VALIDATION_FAILED', undefined, { fields: { decisions: `这些议题不在本次议程上 / Not on this meeting’s agenda: ${off.join(', ')}` } });
    const both = body.closed.filter((c) => body.decisions.some((d) => d.topicId === c.topicId));
    if (both.length) throw new AppError('VALIDATION_FAILED', undefined, { fields: { closed: '有决定的议题不能同时结束 / A topic with a decision cannot be closed at the same time' } });
    const now = ctx.clock.now();
    if (!(await repo.holdMeeting(tx, id, { minutes: body.minutes, attendees: body.attendees, heldAt: now }))) throw new AppError('INVALID_STATE', '该议事会已记录纪要 / The minutes of this meeting are already recorded');
    await repo.insertDecisions(tx, body.decisions.map((d) => ({ id: newId(), cityCode: m.m.cityCode, regionCode: m.m.regionCode, meetingId: id, topicId: d.topicId, decision: d.decision, ownerName: d.ownerName, ownerUserId: d.ownerUserId ?? null, dueDate: d.dueDate, status: 'open', doneAt: null, doneNote: null, createdAt: now })));
    await repo.setTopicStatus(tx, [...new Set(body.decisions.map((d) => d.topicId))], ['open', 'scheduled', 'decided'], 'decided', now);
    for (const c of body.closed) await repo.setTopicStatus(tx, [c.topicId], ['open', 'scheduled'], 'closed', now, { closedNote: c.note });
    await recordAudit(ctx, tx, actor, { action: 'council.meeting.minutes', objectType: 'council_meeting', objectId: id, regionCode: m.m.regionCode, before: { status: 'scheduled' }, after: body });
    return meetingView(ctx, tx, id);
  });
}

/** Staff (or the person following up, when they have an account) mark a decision done; the topic is done once none is open. */
export async function completeDecision(ctx: AppContext, actor: Actor, id: string, note: string) {
  return withTx(ctx.db, async (tx) => {
    const d = await repo.findDecision(tx, id);
    if (!d) throw notFound('决定 decision');
    if (d.d.ownerUserId !== actor.userId) authorize(actor, COUNCIL_MANAGE, { regionPath: d.regionPath });
    const now = ctx.clock.now();
    if (!(await repo.completeDecision(tx, id, now, note))) throw new AppError('INVALID_STATE', '该决定已办结 / This decision is already done');
    if ((await repo.openDecisionsLeft(tx, d.d.topicId)) === 0) await repo.setTopicStatus(tx, [d.d.topicId], ['decided'], 'done', now);
    await recordAudit(ctx, tx, actor, { action: 'council.decision.done', objectType: 'council_decision', objectId: id, regionCode: d.d.regionCode, before: { status: 'open' }, after: { status: 'done', note } });
    return (await topicViews(ctx, tx, actor, [(await repo.findTopic(tx, d.d.topicId))!]))[0]!;
  });
}

/** Open decisions past their day in my regions, oldest due first: the staff's list of overdue follow-ups. */
export async function overdue(ctx: AppContext, actor: Actor, q: PageQuery & { regionCode?: string | undefined }) {
  let paths = regionScopes(actor, ['region_admin']);
  if (q.regionCode) {
    const region = await regionTarget(ctx.db, q.regionCode);
    authorize(actor, COUNCIL_MANAGE, region);
    paths = [region.regionPath];
  }
  if (!paths.length) throw new AppError('FORBIDDEN', '只有社区工作人员可以查看逾期事项 / Only the community’s staff see overdue follow-ups', { permission: COUNCIL_MANAGE.name });
  const today = chinaDate(ctx.clock.now());
  const { limit, offset } = offsetOf(q);
  const page = await repo.overdueDecisions(ctx.db, paths, today, limit, offset);
  return { total: page.total, items: page.items.map((r) => ({ ...decisionView(r.d, today), topicTitle: r.topicTitle, regionName: r.regionName })) };
}

/**
 * 议题转需求: a topic becomes a residents' request in one step, ordered on behalf of the resident
 * who raised it through the requests module's own path, inside this transaction; once per topic.
 */
export async function topicToRequest(ctx: AppContext, actor: Actor, id: string, body: { category: string; address: string }) {
  return withTx(ctx.db, async (tx) => {
    const t = await topicOr404(tx, id);
    authorize(actor, COUNCIL_MANAGE, { regionPath: t.regionPath });
    if (t.t.requestId) throw new AppError('CONFLICT', '该议题已转为居民需求 / This topic already became a request', { requestId: t.t.requestId });
    const request = await orderService({ ...ctx, db: tx as unknown as Db }, actor, {
      category: body.category,
      description: `【小板凳议事会议题】${t.t.title}：${t.t.description}`.slice(0, 1000),
      regionCode: t.t.regionCode,
      address: body.address,
      residentId: t.t.raisedBy,
    });
    if (!(await repo.linkRequest(tx, id, request.id, ctx.clock.now()))) throw new AppError('CONFLICT', '该议题已转为居民需求 / This topic already became a request');
    await recordAudit(ctx, tx, actor, { action: 'council.topic.to_request', objectType: 'council_topic', objectId: id, regionCode: t.t.regionCode, onBehalfOf: t.t.raisedBy, before: { requestId: null }, after: { requestId: request.id } });
    return (await topicViews(ctx, tx, actor, [(await repo.findTopic(tx, id))!]))[0]!;
  });
}

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@shared/schemas/common';
import {
  Org,
  OrgCreateBody,
  OrgListQuery,
  OrgPage,
  OrgReviewBody,
  OrgStateBody,
  OrgUpdateBody,
  Station,
  StationCreateBody,
  StationListQuery,
  StationPage,
} from '@shared/schemas/orgs';
import { DecideBody, JoinBody, MemberAddBody, MemberListQuery, MemberRoleBody, Membership, MembershipPage, MembershipResponse, RespondBody } from '@shared/schemas/people';
import type { ORG_STATUSES} from '@shared/constants';
import { ORG_TYPE_LABELS, STATION_TYPE_LABELS, type OrgType, type StationType } from '@shared/constants';
import { sendXlsx } from '../../lib/excel';
import * as service from './orgs.service';
import * as members from './members.service';

const ORG_STATUS_ZH: Record<(typeof ORG_STATUSES)[number], string> = {
  pending: '待审核',
  changes_requested: '需修改',
  active: '正常',
  rejected: '未通过',
  suspended: '已暂停',
  dissolved: '已注销',
};
const MEMBER_ROLE_ZH = { leader: '队长', admin: '管理员', member: '队员' } as const;
const MEMBER_STATUS_ZH: Record<string, string> = { requested: '申请中', invited: '已邀请', active: '在册', rejected: '已拒绝', declined: '已婉拒', left: '已退出', removed: '已移出' };

export const orgsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/orgs',
    { schema: { tags: ['orgs'], summary: 'Register an organisation (pending review); the creator becomes its org_admin', body: OrgCreateBody, response: { 201: Org } } },
    async (req, reply) => {
      const org = await service.createOrg(app.ctx, req.requireActor(), req.body);
      reply.status(201);
      return org;
    },
  );

  app.get('/orgs', { schema: { tags: ['orgs'], summary: 'Organisations (public: active ones; region admins: every status in scope)', querystring: OrgListQuery, response: { 200: OrgPage } } }, async (req) =>
    service.listOrganizations(app.ctx, req.actor, req.query),
  );

  app.get('/orgs.xlsx', { schema: { tags: ['orgs'], summary: 'Excel export of what the filter shows', querystring: OrgListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const actor = req.actor;
    async function* rows() {
      for (let page = 1; ; page++) {
        const r = await service.listOrganizations(app.ctx, actor, { ...req.query, page, pageSize: 100 });
        yield* r.items;
        if (r.items.length < 100) return;
      }
    }
    return sendXlsx(reply, '志愿服务组织.xlsx', '组织', [
      { header: '名称', value: (o) => o.name, width: 28 },
      { header: '类型', value: (o) => ORG_TYPE_LABELS[o.type as OrgType]?.zh, width: 18 },
      { header: '所属地区', value: (o) => o.regionName, width: 16 },
      { header: '业务主管单位', value: (o) => o.supervisingUnit, width: 20 },
      { header: '联系人', value: (o) => o.contactName },
      { header: '联系电话', value: (o) => o.contactPhone, width: 14 },
      { header: '状态', value: (o) => ORG_STATUS_ZH[o.status as keyof typeof ORG_STATUS_ZH], width: 10 },
      { header: '登记时间', value: (o) => o.createdAt.slice(0, 10), width: 12 },
    ], rows());
  });

  app.get('/orgs/:id', { schema: { tags: ['orgs'], summary: 'One organisation', params: IdParams, response: { 200: Org } } }, async (req) =>
    service.getOrg(app.ctx, req.actor, req.params.id),
  );

  app.patch(
    '/orgs/:id',
    { schema: { tags: ['orgs'], summary: 'Edit (org admin); a rejected organisation or one asked for changes is resubmitted for review', params: IdParams, body: OrgUpdateBody, response: { 200: Org } } },
    async (req) => service.updateOrg(app.ctx, req.requireActor(), req.params.id, req.body),
  );

  app.post(
    '/orgs/:id/review',
    { schema: { tags: ['orgs'], summary: 'Approve, reject (with a reason) or ask for changes; region admin of the org’s region', params: IdParams, body: OrgReviewBody, response: { 200: Org } } },
    async (req) => service.reviewOrg(app.ctx, req.requireActor(), req.params.id, req.body.decision, req.body.reason),
  );

  app.post(
    '/orgs/:id/state',
    { schema: { tags: ['orgs'], summary: 'Suspend, reinstate or dissolve (with a reason); region admin', params: IdParams, body: OrgStateBody, response: { 200: Org } } },
    async (req) => service.changeOrgState(app.ctx, req.requireActor(), req.params.id, req.body.action, req.body.reason),
  );

  // members
  app.get('/orgs/:id/members', { schema: { tags: ['members'], summary: 'Members, requests and invitations; org admin or region admin', params: IdParams, querystring: MemberListQuery, response: { 200: MembershipPage } } }, async (req) =>
    members.listMembers(app.ctx, req.requireActor(), req.params.id, req.query),
  );

  app.get('/orgs/:id/members.xlsx', { schema: { tags: ['members'], summary: 'Excel export of the member list', params: IdParams, querystring: MemberListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) =>
    sendXlsx(reply, '成员名单.xlsx', '成员', [
      { header: '姓名', value: (m) => m.userName },
      { header: '志愿者编号', value: (m) => m.volunteerNo, width: 18 },
      { header: '身份证号', value: (m) => m.idNumberMasked, width: 22 },
      { header: '手机号', value: (m) => m.phone, width: 14 },
      { header: '角色', value: (m) => MEMBER_ROLE_ZH[m.role] },
      { header: '状态', value: (m) => MEMBER_STATUS_ZH[m.status] },
      { header: '加入时间', value: (m) => (m.decidedAt ?? m.createdAt).slice(0, 10), width: 12 },
    ], members.iterateMembers(app.ctx, req.requireActor(), req.params.id, req.query)),
  );

  app.post(
    '/orgs/:id/members',
    { schema: { tags: ['members'], summary: 'An org admin adds a person directly (audited); the person may leave', params: IdParams, body: MemberAddBody, response: { 201: MembershipResponse } } },
    async (req, reply) => {
      const member = await members.addMember(app.ctx, req.requireActor(), req.params.id, req.body.userId, req.body.role);
      reply.status(201);
      return { member };
    },
  );

  app.post(
    '/orgs/:id/invitations',
    { schema: { tags: ['members'], summary: 'Invite a person; they accept or decline', params: IdParams, body: MemberAddBody, response: { 201: MembershipResponse } } },
    async (req, reply) => {
      const member = await members.invite(app.ctx, req.requireActor(), req.params.id, req.body.userId, req.body.role);
      reply.status(201);
      return { member };
    },
  );

  app.post(
    '/orgs/:id/join',
    { schema: { tags: ['members'], summary: 'Ask to join an active organisation', params: IdParams, body: JoinBody, response: { 201: MembershipResponse } } },
    async (req, reply) => {
      const member = await members.requestToJoin(app.ctx, req.requireActor(), req.params.id, req.body.message);
      reply.status(201);
      return { member };
    },
  );

  app.post('/memberships/:id/decide', { schema: { tags: ['members'], summary: 'Approve or reject a join request; org admin', params: IdParams, body: DecideBody, response: { 200: MembershipResponse } } }, async (req) => ({
    member: await members.decideRequest(app.ctx, req.requireActor(), req.params.id, req.body.decision, req.body.reason),
  }));

  app.post('/memberships/:id/respond', { schema: { tags: ['members'], summary: 'Accept or decline an invitation; the invitee', params: IdParams, body: RespondBody, response: { 200: MembershipResponse } } }, async (req) => ({
    member: await members.respondToInvitation(app.ctx, req.requireActor(), req.params.id, req.body.accept),
  }));

  app.post(
    '/memberships/:id/leave',
    { schema: { tags: ['members'], summary: 'Leave (the member) or remove (an org admin)', params: IdParams, body: z.object({ reason: z.string().trim().max(300).optional() }), response: { 200: MembershipResponse } } },
    async (req) => ({ member: await members.leaveOrRemove(app.ctx, req.requireActor(), req.params.id, req.body.reason) }),
  );

  app.patch('/memberships/:id', { schema: { tags: ['members'], summary: 'Change a member’s role; org admin', params: IdParams, body: MemberRoleBody, response: { 200: MembershipResponse } } }, async (req) => ({
    member: await members.changeRole(app.ctx, req.requireActor(), req.params.id, req.body.role),
  }));

  app.get('/me/memberships', { schema: { tags: ['members'], summary: 'My organisations, requests and invitations', response: { 200: z.object({ items: z.array(Membership) }) } } }, async (req) => ({
    items: await members.myMemberships(app.ctx, req.requireActor()),
  }));

  // stations
  app.post(
    '/stations',
    { schema: { tags: ['stations'], summary: 'Create a service station; region admin', body: StationCreateBody, response: { 201: Station } } },
    async (req, reply) => {
      const s = await service.createStation(app.ctx, req.requireActor(), req.body);
      reply.status(201);
      return s;
    },
  );

  app.get('/stations', { schema: { tags: ['stations'], summary: 'Stations (public)', querystring: StationListQuery, response: { 200: StationPage } } }, async (req) =>
    service.listStationsPublic(app.ctx, req.query),
  );

  app.get('/stations.xlsx', { schema: { tags: ['stations'], summary: 'Excel export of what the filter shows', querystring: StationListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    async function* rows() {
      for (let page = 1; ; page++) {
        const r = await service.listStationsPublic(app.ctx, { ...req.query, page, pageSize: 100 });
        yield* r.items;
        if (r.items.length < 100) return;
      }
    }
    return sendXlsx(reply, '志愿服务站点.xlsx', '站点', [
      { header: '名称', value: (s) => s.name, width: 28 },
      { header: '类型', value: (s) => STATION_TYPE_LABELS[s.type as StationType]?.zh, width: 18 },
      { header: '所属地区', value: (s) => s.regionName, width: 16 },
      { header: '地址', value: (s) => s.address, width: 32 },
      { header: '开放时间', value: (s) => s.openingHours, width: 20 },
      { header: '纬度', value: (s) => s.lat },
      { header: '经度', value: (s) => s.lng },
    ], rows());
  });

  app.get('/stations/:id', { schema: { tags: ['stations'], summary: 'One station (public)', params: IdParams, response: { 200: Station } } }, async (req) => service.getStation(app.ctx, req.params.id));

  app.patch(
    '/stations/:id',
    { schema: { tags: ['stations'], summary: 'Edit a station; its station admin or a region admin', params: IdParams, body: StationCreateBody.omit({ regionCode: true }).partial(), response: { 200: Station } } },
    async (req) => service.updateStation(app.ctx, req.requireActor(), req.params.id, req.body),
  );
};

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PageQuery } from '@shared/schemas/common';
import {
  Assignment, AssignmentBody, Building, BuildingBody, Campaign, CampaignBody, CampaignList, Drive, DriveBody, DriveImportBody, DriveList, DriveListQuery, DriveProgress,
  DriveVisitsBody, DriveVisitsResult, EndAssignmentBody, ExportQuery, Grid, GridBody, GridList, GridListQuery, Household, HouseholdBody, HouseholdListQuery, HouseholdPage,
  HouseholdReadPage, ImportBody, ImportResult, MyVisits, PensionItem, PensionItemPage, PensionItemQuery, PensionMarkBody, Plan, PlanBody, PlanList, PlanListQuery, Visit,
  TagsBody, VisitBody, VisitRequestBody, VisitRequestResult,
} from '@shared/schemas/care';
import { Id } from '@shared/schemas/common';
import { sendXlsx } from '../../lib/excel';
import * as care from './care.service';
import * as pension from './pension.service';

const tags = ['care'];
const Created = z.object({ id: Id });

export const careRoutes: FastifyPluginAsyncZod = async (app) => {
  // ——— grids, buildings, roles: community staff ———
  app.post('/care/grids', { schema: { tags, summary: 'Add a grid (片区, or a 小区 under a 片区) to a community; community staff (audited)', body: GridBody, response: { 201: Grid } } }, async (req, reply) =>
    reply.status(201).send(await care.createGrid(app.ctx, req.requireActor(), req.body)));
  app.get('/care/grids', { schema: { tags, summary: 'A community’s grids with their buildings and roles (community staff); without communityCode, the grids I work in', querystring: GridListQuery, response: { 200: GridList } } }, async (req) =>
    care.listGrids(app.ctx, req.requireActor(), req.query));
  app.post('/care/buildings', { schema: { tags, summary: 'Add a building to a grid; community staff (audited)', body: BuildingBody, response: { 201: Building } } }, async (req, reply) =>
    reply.status(201).send(await care.createBuilding(app.ctx, req.requireActor(), req.body)));
  app.post('/care/assignments', { schema: { tags, summary: 'Make someone a grid worker (网格员) of a grid, or the A or B head (楼栋长) of a building; community staff (audited)', body: AssignmentBody, response: { 201: Assignment } } }, async (req, reply) =>
    reply.status(201).send(await care.assignRole(app.ctx, req.requireActor(), req.body)));
  app.post('/care/assignments/:id/end', { schema: { tags, summary: 'End a grid worker’s or building head’s role, with the reason; community staff (audited)', params: IdParams, body: EndAssignmentBody, response: { 200: Assignment } } }, async (req) =>
    care.endRole(app.ctx, req.requireActor(), req.params.id, req.body.reason));

  // ——— households ———
  app.post('/care/households', { schema: { tags, summary: 'Register a household (登记住户): room, members (linked to accounts where they have one), care tags with their evidence; community staff (audited)', body: HouseholdBody, response: { 201: Created } } }, async (req, reply) =>
    reply.status(201).send(await care.createHousehold(app.ctx, req.requireActor(), req.body)));
  app.get('/care/households', { schema: { tags, summary: 'Households in my scope (community staff: their regions; a grid worker: their grid; a building head: their building), masked', querystring: HouseholdListQuery, response: { 200: HouseholdPage } } }, async (req) =>
    care.listHouseholds(app.ctx, req.requireActor(), req.query));
  app.get('/care/households.xlsx', { schema: { tags, summary: 'Export a community’s households: a stated reason is required; audited, and each household’s read logged; community staff', querystring: ExportQuery } }, async (req, reply) => {
    const rows = await care.exportHouseholds(app.ctx, req.requireActor(), req.query);
    return sendXlsx(reply, `住户登记-${req.query.communityCode}.xlsx`, '住户', [
      { header: '网格', width: 14, value: (r) => r.grid }, { header: '楼栋', width: 10, value: (r) => r.building }, { header: '单元', width: 8, value: (r) => r.unit },
      { header: '门牌号', width: 10, value: (r) => r.room }, { header: '户主姓名', width: 12, value: (r) => r.head }, { header: '电话', width: 16, value: (r) => r.phone },
      { header: '关爱标签', width: 24, value: (r) => r.tags },
    ], rows);
  });
  app.post('/care/households/import', { schema: { tags, summary: 'Import households from an .xlsx (网格, 楼栋, 单元, 门牌号, 户主姓名, 电话, 关爱标签, 标签依据), base64 in JSON: checked whole, every bad row named, nothing imported while one is wrong; community staff', body: ImportBody, response: { 200: ImportResult } } }, async (req) =>
    care.importHouseholds(app.ctx, req.requireActor(), req.body));
  app.get('/care/households/:id', { schema: { tags, summary: 'A household in full, for those in scope; every read is logged', params: IdParams, response: { 200: Household } } }, async (req) =>
    care.getHousehold(app.ctx, req.requireActor(), req.params.id));
  app.put('/care/households/:id/tags', { schema: { tags, summary: 'Replace a household’s care tags, each with its evidence; a tag with a plan schedules a visit; community staff (audited)', params: IdParams, body: TagsBody, response: { 200: Created } } }, async (req) =>
    care.setHouseholdTags(app.ctx, req.requireActor(), req.params.id, req.body.tags));
  app.get('/care/households/:id/reads', { schema: { tags, summary: 'Who read this household and when (the read log); community staff', params: IdParams, querystring: PageQuery, response: { 200: HouseholdReadPage } } }, async (req) =>
    care.listHouseholdReads(app.ctx, req.requireActor(), req.params.id, req.query));
  app.post('/care/households/:id/visits', { schema: { tags, summary: 'Record a visit to a household (at the door within the geofence, or by phone); closes its open visits and schedules the next; its grid worker, building heads or community staff', params: IdParams, body: VisitBody, response: { 201: Visit } } }, async (req, reply) =>
    reply.status(201).send(await care.recordVisit(app.ctx, req.requireActor(), { householdId: req.params.id }, req.body)));

  // ——— plans, visits, campaigns ———
  app.put('/care/plans', { schema: { tags, summary: 'Set how often a tag is visited in a community (e.g. living-alone elders every 7 days); schedules the first visits; community staff (audited)', body: PlanBody, response: { 200: Plan } } }, async (req) =>
    care.setPlan(app.ctx, req.requireActor(), req.body));
  app.get('/care/plans', { schema: { tags, summary: 'A community’s care plans; community staff', querystring: PlanListQuery, response: { 200: PlanList } } }, async (req) =>
    care.listPlans(app.ctx, req.requireActor(), req.query.communityCode));
  app.get('/care/me/visits', { schema: { tags, summary: 'My visits: due today, overdue, done today, and the drive’s residents still open in my grids', response: { 200: MyVisits } } }, async (req) =>
    care.myVisits(app.ctx, req.requireActor()));
  app.get('/care/me/pension-items', { schema: { tags, summary: 'The pension drive’s residents in my grids still open (pending or not yet), to mark or visit', querystring: PageQuery, response: { 200: PensionItemPage } } }, async (req) =>
    pension.myPensionItems(app.ctx, req.requireActor(), req.query));
  app.post('/care/visits/:id/record', { schema: { tags, summary: 'Record a due visit (plan, campaign or the pension drive)', params: IdParams, body: VisitBody, response: { 200: Visit } } }, async (req) =>
    care.recordVisit(app.ctx, req.requireActor(), { visitId: req.params.id }, req.body));
  app.get('/care/visits/:id/photo', { schema: { tags, summary: 'A visit’s photo; those whose scope holds the household', params: IdParams } }, async (req, reply) => {
    const p = await care.visitPhoto(app.ctx, req.requireActor(), req.params.id);
    return reply.type(p.contentType).header('cache-control', 'private, max-age=300').send(p.bytes);
  });
  app.post('/care/visits/:id/request', { schema: { tags, summary: 'Turn a need found on a visit into a residents’ request (four-order flow) on the resident’s behalf, linked to the visit', params: IdParams, body: VisitRequestBody, response: { 201: VisitRequestResult } } }, async (req, reply) =>
    reply.status(201).send(await care.visitToRequest(app.ctx, req.requireActor(), req.params.id, req.body)));
  app.post('/care/campaigns', { schema: { tags, summary: 'A knock-on-door campaign (敲门行动) over a community’s households (by tag or grid): one visit each; community staff (audited)', body: CampaignBody, response: { 201: Campaign } } }, async (req, reply) =>
    reply.status(201).send(await care.createCampaign(app.ctx, req.requireActor(), req.body)));
  app.get('/care/campaigns', { schema: { tags, summary: 'A community’s campaigns with their progress; community staff', querystring: PlanListQuery, response: { 200: CampaignList } } }, async (req) =>
    care.listCampaigns(app.ctx, req.requireActor(), req.query.communityCode));

  // ——— the pension-authentication drive ———
  app.post('/care/pension-drives', { schema: { tags, summary: 'Start a year’s pension-authentication drive (养老保险资格认证) for a street, town, community or village; its staff (audited)', body: DriveBody, response: { 201: Drive } } }, async (req, reply) =>
    reply.status(201).send(await pension.createDrive(app.ctx, req.requireActor(), req.body)));
  app.get('/care/pension-drives', { schema: { tags, summary: 'The drives of a region; its staff', querystring: DriveListQuery, response: { 200: DriveList } } }, async (req) =>
    pension.listDrives(app.ctx, req.requireActor(), req.query.regionCode));
  app.post('/care/pension-drives/:id/import', { schema: { tags, summary: 'Import the residents due from an .xlsx (姓名, 身份证号, 社区/村, 网格, 地址), base64 in JSON: checked whole with row errors; only masked ID numbers kept', params: IdParams, body: DriveImportBody, response: { 200: ImportResult } } }, async (req) =>
    pension.importDrive(app.ctx, req.requireActor(), req.params.id, req.body.fileBase64));
  app.get('/care/pension-drives/:id/items', { schema: { tags, summary: 'The drive’s list (filter by status, grid): staff see all, a grid worker their grid', params: IdParams, querystring: PensionItemQuery, response: { 200: PensionItemPage } } }, async (req) =>
    pension.listItems(app.ctx, req.requireActor(), req.params.id, req.query));
  app.get('/care/pension-drives/:id/progress', { schema: { tags, summary: 'The drive’s counts by status, overall, by village/community and by grid; its staff', params: IdParams, response: { 200: DriveProgress } } }, async (req) =>
    pension.driveProgress(app.ctx, req.requireActor(), req.params.id));
  app.post('/care/pension-drives/:id/visits', { schema: { tags, summary: 'Residents not yet done become door-to-door visits in one step; its staff (audited)', params: IdParams, body: DriveVisitsBody, response: { 201: DriveVisitsResult } } }, async (req, reply) =>
    reply.status(201).send(await pension.visitsFromDrive(app.ctx, req.requireActor(), req.params.id, req.body)));
  app.post('/care/pension-items/:id/mark', { schema: { tags, summary: 'Mark a resident: done themselves, done with help (who, where), or not yet (why); their grid worker or staff (audited)', params: IdParams, body: PensionMarkBody, response: { 200: PensionItem } } }, async (req) =>
    pension.markItem(app.ctx, req.requireActor(), req.params.id, req.body));
};

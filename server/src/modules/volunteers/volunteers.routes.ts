import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@shared/schemas/common';
import { ImportJob, OnBehalfRegisterBody, Profile, ProfileCorrectionBody, ProfileUpdateBody, VolunteerListQuery, VolunteerPage } from '@shared/schemas/people';
import { SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@shared/constants';
import { sendXlsx } from '../../lib/excel';
import * as service from './volunteers.service';
import * as importService from './import.service';
import { AppError } from '../../lib/app-error';
import { RegionCode } from '@shared/schemas/common';
import { parseEarly } from '../../lib/body-guard';
import { registerRawBodyParser } from '../../plugins/body-limit';

const ImportQuery = z.object({
  regionCode: RegionCode,
  mode: z.enum(['all_or_nothing', 'skip_bad']).default('all_or_nothing'),
  fileName: z.string().max(200).optional(),
});

const IMPORT_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];
const IMPORT_LIMIT_BYTES = 50 * 1024 * 1024;

const Consent = z.object({ id: z.string(), kind: z.string(), version: z.string(), method: z.string(), grantedAt: z.string(), withdrawnAt: z.string().nullable() });

export const volunteersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/me/profile', { schema: { tags: ['volunteers'], summary: 'My volunteer record', response: { 200: Profile } } }, async (req) =>
    service.getMyProfile(app.ctx, req.requireActor()),
  );

  app.put('/me/profile', { schema: { tags: ['volunteers'], summary: 'Edit my volunteer record', body: ProfileUpdateBody, response: { 200: Profile } } }, async (req) =>
    service.updateMyProfile(app.ctx, req.requireActor(), req.body),
  );

  app.get('/me/consents', { schema: { tags: ['volunteers'], summary: 'The consents I gave and withdrew', response: { 200: z.object({ items: z.array(Consent) }) } } }, async (req) => ({
    items: await service.listMyConsents(app.ctx, req.requireActor()),
  }));

  app.post('/me/consents/public-display', { schema: { tags: ['volunteers'], summary: 'Consent to be shown by name in public', response: { 200: Profile } } }, async (req) =>
    service.setPublicDisplay(app.ctx, req.requireActor(), true),
  );

  app.delete('/me/consents/public-display', { schema: { tags: ['volunteers'], summary: 'Withdraw the consent to be shown by name', response: { 200: Profile } } }, async (req) =>
    service.setPublicDisplay(app.ctx, req.requireActor(), false),
  );

  app.get(
    '/people/lookup',
    {
      schema: {
        tags: ['volunteers'],
        summary: 'Find a person (e.g. a relative) by phone AND volunteer number; answers a masked name',
        querystring: z.object({ phone: z.string().trim().regex(/^1[3-9]\d{9}$/, '手机号无效 / Invalid mobile number'), volunteerNo: z.string().trim().min(6).max(20) }),
        response: { 200: z.object({ userId: z.string(), name: z.string(), volunteerNo: z.string() }) },
      },
    },
    async (req) => service.lookupPerson(app.ctx, req.requireActor(), req.query),
  );

  app.get('/volunteers', { schema: { tags: ['volunteers'], summary: 'Volunteers of my region subtree', querystring: VolunteerListQuery, response: { 200: VolunteerPage } } }, async (req) =>
    service.listVolunteers(app.ctx, req.requireActor(), req.query),
  );

  app.get(
    '/volunteers.xlsx',
    { schema: { tags: ['volunteers'], summary: 'Excel export of what the filter shows', querystring: VolunteerListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const rows = service.iterateVolunteers(app.ctx, req.requireActor(), req.query);
      return sendXlsx(reply, '志愿者名单.xlsx', '志愿者', [
        { header: '志愿者编号', value: (p) => p.volunteerNo, width: 18 },
        { header: '姓名', value: (p) => p.name },
        { header: '性别', value: (p) => (p.sex === 'M' ? '男' : p.sex === 'F' ? '女' : '') , width: 6 },
        { header: '年龄', value: (p) => p.age, width: 6 },
        { header: '身份证号', value: (p) => p.idNumberMasked, width: 22 },
        { header: '手机号', value: (p) => p.phone, width: 14 },
        { header: '所属地区', value: (p) => p.regionName, width: 18 },
        { header: '专业技能', value: (p) => p.skills.join('、'), width: 24 },
        { header: '服务类别', value: (p) => p.serviceCategories.map((c) => SERVICE_CATEGORY_LABELS[c as ServiceCategory]?.zh ?? c).join('、'), width: 24 },
        { header: '服务时长（小时）', value: (p) => Math.round((p.serviceMinutes / 60) * 100) / 100, width: 12 },
        { header: '星级', value: (p) => p.starLevel, width: 6 },
        { header: '可用积分', value: (p) => p.pointsBalance, width: 10 },
        { header: '代注册', value: (p) => (p.registeredOnBehalf ? `是（${p.registeredByName ?? ''}）` : '否'), width: 14 },
        { header: '注册时间', value: (p) => p.createdAt.slice(0, 10), width: 12 },
      ], rows);
    },
  );

  app.post(
    '/volunteers',
    { schema: { tags: ['volunteers'], summary: 'Register a resident on their behalf (代注册); staff', body: OnBehalfRegisterBody, response: { 201: Profile } } },
    async (req, reply) => {
      const p = await service.registerOnBehalf(app.ctx, req.requireActor(), req.body);
      reply.status(201);
      return p;
    },
  );

  app.get('/volunteers/:id', { schema: { tags: ['volunteers'], summary: 'One volunteer; staff in scope', params: IdParams, response: { 200: Profile } } }, async (req) =>
    service.getVolunteer(app.ctx, req.requireActor(), req.params.id),
  );

  app.patch(
    '/volunteers/:id',
    { schema: { tags: ['volunteers'], summary: 'Correct a volunteer record (audited, with a reason); staff in scope', params: IdParams, body: ProfileCorrectionBody, response: { 200: Profile } } },
    async (req) => service.correctVolunteer(app.ctx, req.requireActor(), req.params.id, req.body),
  );
};

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // The file travels as the raw request body (an .xlsx), so no multipart parsing is needed.
  registerRawBodyParser(app, IMPORT_TYPES);

  app.post(
    '/imports/volunteers',
    {
      config: {
        rawBody: { types: IMPORT_TYPES, limitBytes: IMPORT_LIMIT_BYTES },
        checkedBeforeBody: async (req) => importService.checkImportAllowed(app.ctx, req.requireActor(), parseEarly(ImportQuery, req.query, 'querystring').regionCode),
      },
      schema: {
        tags: ['volunteers'],
        summary: 'Import volunteers from an .xlsx (姓名, 身份证号, 手机号, 所属社区, 技能, 服务类别; at most 50 MB): the whole file is checked first; poll the job for progress',
        querystring: ImportQuery,
        response: { 202: ImportJob },
      },
    },
    async (req, reply) => {
      const file = req.body as unknown;
      if (!Buffer.isBuffer(file) || file.length === 0) {
        throw new AppError('VALIDATION_FAILED', '请上传 Excel 文件 / Upload an .xlsx file', { fields: { file: '请上传 .xlsx 文件 / an .xlsx file is required' } });
      }
      const { job } = await importService.startVolunteerImport(app.ctx, req.requireActor(), { regionCode: req.query.regionCode, mode: req.query.mode, fileName: req.query.fileName ?? null, file, ip: req.ip ?? null });
      reply.status(202);
      return job;
    },
  );

  app.get('/imports/:id', { schema: { tags: ['volunteers'], summary: 'An import job: phase, progress, counts and every bad row', params: IdParams, response: { 200: ImportJob } } }, async (req) =>
    importService.getImportJob(app.ctx, req.requireActor(), req.params.id),
  );
};

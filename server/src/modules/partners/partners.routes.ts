import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, IdParams } from '@shared/schemas/common';
import {
  Benefit,
  BenefitBody,
  BenefitCard,
  BenefitList,
  BenefitPatchBody,
  BenefitUse,
  BenefitUseBody,
  BenefitUsePage,
  CardCheck,
  CardCodeBody,
  MyPartners,
  Partner,
  PartnerBody,
  PartnerListQuery,
  PartnerPage,
  PartnerPatchBody,
  PartnerStaffBody,
  UseReport,
  UseReportQuery,
  UsesQuery,
} from '@shared/schemas/partners';
import { sendXlsx } from '../../lib/excel';
import { recordAudit } from '../audit/index';
import { clientKeyOf, idempotent, sendIdempotent } from '../idempotency/index';
import * as partners from './partners.service';
import { checkCard, countCardAttempt, logUse, myCard } from './card.service';
import { partnerUses, usesReport } from './reports.service';

const StaffParams = z.object({ id: Id, userId: Id });
const tags = ['partners'];

export const partnersRoutes: FastifyPluginAsyncZod = async (app) => {
  // ——— the registry: region admins ———
  app.post('/partners', { schema: { tags, summary: 'Register a partner (激励合作单位) in a region; region admin (audited)', body: PartnerBody, response: { 201: Partner } } }, async (req, reply) =>
    reply.status(201).send(await partners.createPartner(app.ctx, req.requireActor(), req.body)),
  );
  app.get('/partners', { schema: { tags, summary: 'The partners of my regions (or of one region inside them); region admin', querystring: PartnerListQuery, response: { 200: PartnerPage } } }, async (req) =>
    partners.listPartners(app.ctx, req.requireActor(), req.query),
  );
  app.get('/partners/:id', { schema: { tags, summary: 'One partner with its staff; its region’s admins or its staff', params: IdParams, response: { 200: Partner } } }, async (req) =>
    partners.getPartner(app.ctx, req.requireActor(), req.params.id),
  );
  app.patch('/partners/:id', { schema: { tags, summary: 'Rename, change the sector or contact, suspend or resume a partner; region admin (audited)', params: IdParams, body: PartnerPatchBody, response: { 200: Partner } } }, async (req) =>
    partners.updatePartner(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post('/partners/:id/staff', { schema: { tags, summary: 'Add a staff account to a partner (who verifies cards and logs uses); region admin (audited)', params: IdParams, body: PartnerStaffBody, response: { 201: Partner } } }, async (req, reply) =>
    reply.status(201).send(await partners.addStaff(app.ctx, req.requireActor(), req.params.id, req.body.userId)),
  );
  app.delete('/partners/:id/staff/:userId', { schema: { tags, summary: 'Remove a staff account from a partner; region admin (audited)', params: StaffParams, response: { 200: Partner } } }, async (req) =>
    partners.removeStaff(app.ctx, req.requireActor(), req.params.id, req.params.userId),
  );
  app.get('/partners/:id/benefits', { schema: { tags, summary: 'A partner’s benefits by star level; its region’s admins or its staff', params: IdParams, response: { 200: BenefitList } } }, async (req) =>
    partners.listBenefits(app.ctx, req.requireActor(), req.params.id),
  );
  app.post('/partners/:id/benefits', { schema: { tags, summary: 'Add a benefit: minimum star level, limit per person (a day, a month, none), validity dates; region admin (audited)', params: IdParams, body: BenefitBody, response: { 201: Benefit } } }, async (req, reply) =>
    reply.status(201).send(await partners.createBenefit(app.ctx, req.requireActor(), req.params.id, req.body)),
  );
  app.patch('/partner-benefits/:id', { schema: { tags, summary: 'Change or withdraw a benefit; region admin (audited)', params: IdParams, body: BenefitPatchBody, response: { 200: Benefit } } }, async (req) =>
    partners.updateBenefit(app.ctx, req.requireActor(), req.params.id, req.body),
  );

  // ——— the card: the volunteer shows it, the partner's staff check it and log uses ———
  app.get('/me/benefit-card', { schema: { tags, summary: 'My rotating benefit card (权益卡): a code good for 60–120 s and its QR, my star level, the benefits I can use and why not the others', response: { 200: BenefitCard } } }, async (req) =>
    myCard(app.ctx, req.requireActor()),
  );
  app.get('/me/partners', { schema: { tags, summary: 'The partners I work for (the verify page)', response: { 200: MyPartners } } }, async (req) => partners.myPartners(app.ctx, req.requireActor()));
  app.post('/partners/:id/card-checks', { schema: { tags, summary: 'A partner’s staff member scans or types a card code: masked name, star level, each benefit and whether it applies now (rate-limited)', params: IdParams, body: CardCodeBody, response: { 200: CardCheck } } }, async (req) => {
    const actor = req.requireActor();
    await countCardAttempt(app.ctx, actor);
    return checkCard(app.ctx, actor, req.params.id, req.body.code);
  });
  app.post(
    '/partners/:id/uses',
    { schema: { tags, summary: 'Log a use of a benefit with the card code; the limit taken in the same transaction; `Idempotency-Key` (UUID) answers a double tap with the first answer; partner staff (audited)', params: IdParams, body: BenefitUseBody, response: { 201: BenefitUse } } },
    async (req, reply) => {
      const actor = req.requireActor();
      const key = clientKeyOf(req, req.body.clientKey);
      await countCardAttempt(app.ctx, actor);
      return sendIdempotent(reply, await idempotent(app.ctx, actor, { key, scope: 'partner-use', request: { ...req.body, partnerId: req.params.id }, status: 201 }, (ctx) => logUse(ctx, actor, req.params.id, req.body)));
    },
  );

  // ——— uses and reports ———
  app.get('/partners/:id/uses', { schema: { tags, summary: 'A partner’s logged uses of a month (this one unless `month`), newest first (names masked); its staff or its region’s admins', params: IdParams, querystring: UsesQuery, response: { 200: BenefitUsePage } } }, async (req) =>
    partnerUses(app.ctx, req.requireActor(), req.params.id, req.query),
  );
  app.get('/partner-uses/report', { schema: { tags, summary: 'Uses by partner, benefit and month: a partner’s staff for their partner, region admins for their regions’ partners', querystring: UseReportQuery, response: { 200: UseReport } } }, async (req) =>
    usesReport(app.ctx, req.requireActor(), req.query),
  );
  app.get('/partner-uses/report.xlsx', { schema: { tags, summary: 'The same report as an Excel file (audited)', querystring: UseReportQuery } }, async (req, reply) => {
    const actor = req.requireActor();
    const report = await usesReport(app.ctx, actor, req.query);
    await recordAudit(app.ctx, app.ctx.db, actor, { action: 'partner.uses.export', objectType: 'partner_use_report', regionCode: req.query.regionCode ?? actor.regionCode, before: null, after: { ...req.query, from: report.from, to: report.to, rows: report.rows.length } });
    return sendXlsx(reply, `权益使用统计-${report.from}-${report.to}.xlsx`, '权益使用', [
      { header: '月份', width: 10, value: (r) => r.month },
      { header: '合作单位', width: 24, value: (r) => r.partnerName },
      { header: '权益', width: 28, value: (r) => r.benefitTitle },
      { header: '使用次数', width: 12, value: (r) => r.uses },
      { header: '使用人数', width: 12, value: (r) => r.volunteers },
    ], report.rows);
  });
};

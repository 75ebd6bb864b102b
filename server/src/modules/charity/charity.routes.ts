import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PageQuery } from '@shared/schemas/common';
import {
  CharityDisbursement,
  CharityDisbursementBody,
  CharityDisbursementPage,
  CharityDisbursementRecorded,
  CharityEventBody,
  CharityEventDetail,
  CharityEventListQuery,
  CharityEventPage,
  CharityEventPatchBody,
  CharityItemBody,
  CharityPublicAccount,
  CharityPublicEventPage,
  CharityReceiptParams,
  CharityReceiptUploadQuery,
  CharityRegionTotals,
  CharityRegionTotalsQuery,
  CharitySaleBody,
  CharitySalePage,
  CharitySaleRecorded,
  CharitySellerBody,
  CharityStaffBody,
  CharityStallBody,
  ReversalBody,
} from '@shared/schemas/charity';
import { clientKeyOf, idempotent, sendIdempotent } from '../idempotency/index';
import { parseEarly } from '../../lib/body-guard';
import { DOCUMENT_TYPES, sendDocument } from '../../lib/documents';
import { registerRawBodyParser } from '../../plugins/body-limit';
import * as charity from './charity.service';
import { attachReceipt, checkReceiptUpload, MAX_RECEIPT_BYTES, readReceipt } from './receipts.service';

const tags = ['charity'];

export const charityRoutes: FastifyPluginAsyncZod = async (app) => {
  // receipt scans travel as the raw body (pictures, PDF), in this plugin's scope only
  registerRawBodyParser(app, DOCUMENT_TYPES);
  // ——— setting up a sale: region admins ———
  app.post('/charity-events', { schema: { tags, summary: 'Set up a charity sale (慈善义卖) in a region with its organisers, place and time; region admin (audited)', body: CharityEventBody, response: { 201: CharityEventDetail } } }, async (req, reply) =>
    reply.status(201).send(await charity.createEvent(app.ctx, req.requireActor(), req.body)),
  );
  app.get('/charity-events', { schema: { tags, summary: 'The charity sales of my regions (region admins) or that I record for (recorders), newest first', querystring: CharityEventListQuery, response: { 200: CharityEventPage } } }, async (req) =>
    charity.listEvents(app.ctx, req.requireActor(), req.query),
  );
  app.get('/charity-events/:id', { schema: { tags, summary: 'One charity sale with its stalls, sellers (and their guardians), items and recorders; its region’s admins or its recorders', params: IdParams, response: { 200: CharityEventDetail } } }, async (req) =>
    charity.getEvent(app.ctx, req.requireActor(), req.params.id),
  );
  app.patch('/charity-events/:id', { schema: { tags, summary: 'Close the sale (no more sales; disbursements go on) or open it again; region admin (audited)', params: IdParams, body: CharityEventPatchBody, response: { 200: CharityEventDetail } } }, async (req) =>
    charity.setStatus(app.ctx, req.requireActor(), req.params.id, req.body.status),
  );
  app.post('/charity-events/:id/staff', { schema: { tags, summary: 'Name an account that records sales at the stalls; region admin (audited)', params: IdParams, body: CharityStaffBody, response: { 201: CharityEventDetail } } }, async (req, reply) =>
    reply.status(201).send(await charity.addRecorder(app.ctx, req.requireActor(), req.params.id, req.body.userId)),
  );
  app.post('/charity-events/:id/stalls', { schema: { tags, summary: 'Add a stall (a family’s, or the organisers’ public one); region admin (audited)', params: IdParams, body: CharityStallBody, response: { 201: CharityEventDetail } } }, async (req, reply) =>
    reply.status(201).send(await charity.addStall(app.ctx, req.requireActor(), req.params.id, req.body)),
  );
  app.post('/charity-events/:id/sellers', { schema: { tags, summary: 'Add a seller at a stall: a child with the guardian’s account, or an adult; region admin (audited)', params: IdParams, body: CharitySellerBody, response: { 201: CharityEventDetail } } }, async (req, reply) =>
    reply.status(201).send(await charity.addSeller(app.ctx, req.requireActor(), req.params.id, req.body)),
  );
  app.post('/charity-events/:id/items', { schema: { tags, summary: 'Add an item to a stall with its asking price in fen; region admin or recorder (audited)', params: IdParams, body: CharityItemBody, response: { 201: CharityEventDetail } } }, async (req, reply) =>
    reply.status(201).send(await charity.addItem(app.ctx, req.requireActor(), req.params.id, req.body)),
  );

  // ——— the money ———
  app.post('/charity-events/:id/sales', { schema: { tags, summary: 'Record a sale line in fen (item × quantity, or the amount paid); recorder or region admin while the sale is open; `Idempotency-Key` answers a double tap with the first answer (audited)', params: IdParams, body: CharitySaleBody, response: { 201: CharitySaleRecorded } } }, async (req, reply) => {
    const actor = req.requireActor();
    const key = clientKeyOf(req, req.body.clientKey);
    return sendIdempotent(reply, await idempotent(app.ctx, actor, { key, scope: 'charity-sale', request: { ...req.body, eventId: req.params.id }, status: 201 }, (ctx) => charity.recordSale(ctx, actor, req.params.id, req.body)));
  });
  app.get('/charity-events/:id/sales', { schema: { tags, summary: 'The sale lines, newest first (reversals included); its region’s admins or its recorders', params: IdParams, querystring: PageQuery, response: { 200: CharitySalePage } } }, async (req) =>
    charity.listSales(app.ctx, req.requireActor(), req.params.id, req.query),
  );
  app.post('/charity-sales/:id/reversal', { schema: { tags, summary: 'Take back a mistaken sale line by a reversing line (once; not once its money is paid out); recorder or region admin (audited)', params: IdParams, body: ReversalBody, response: { 201: CharitySaleRecorded } } }, async (req, reply) =>
    reply.status(201).send(await charity.reverseSale(app.ctx, req.requireActor(), req.params.id, req.body.reason)),
  );
  app.post('/charity-events/:id/disbursements', { schema: { tags, summary: 'Record where money went (beneficiary, purpose, fen, receipt number), never beyond what is held, never to oneself; region admin (audited)', params: IdParams, body: CharityDisbursementBody, response: { 201: CharityDisbursementRecorded } } }, async (req, reply) => {
    const actor = req.requireActor();
    const key = clientKeyOf(req, req.body.clientKey);
    return sendIdempotent(reply, await idempotent(app.ctx, actor, { key, scope: 'charity-disbursement', request: { ...req.body, eventId: req.params.id }, status: 201 }, (ctx) => charity.recordDisbursement(ctx, actor, req.params.id, req.body)));
  });
  app.get('/charity-events/:id/disbursements', { schema: { tags, summary: 'The disbursements, oldest first (reversals included); its region’s admins or its recorders', params: IdParams, querystring: PageQuery, response: { 200: CharityDisbursementPage } } }, async (req) =>
    charity.listDisbursements(app.ctx, req.requireActor(), req.params.id, req.query),
  );
  app.post(
    '/charity-disbursements/:id/receipts',
    {
      config: {
        rawBody: { types: DOCUMENT_TYPES, limitBytes: MAX_RECEIPT_BYTES },
        checkedBeforeBody: async (req) => checkReceiptUpload(app.ctx, req.requireActor(), parseEarly(IdParams, req.params, 'params').id),
      },
      schema: { tags, summary: 'Attach a receipt scan as the raw body (PNG, JPEG or WebP re-encoded without EXIF, or PDF; 5 MB) to a disbursement, ten at most, kept with its sha256; region admin (audited)', params: IdParams, querystring: CharityReceiptUploadQuery, response: { 201: CharityDisbursement } },
    },
    async (req, reply) => {
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      reply.status(201);
      return attachReceipt(app.ctx, req.requireActor(), req.params.id, data, req.query.title ?? '');
    },
  );
  app.get('/charity-disbursements/:id/receipts/:fileId', { schema: { tags, summary: 'One receipt file: the sale’s region admins and its recorders', params: CharityReceiptParams } }, async (req, reply) =>
    sendDocument(reply, await readReceipt(app.ctx, req.requireActor(), req.params.id, req.params.fileId)),
  );
  app.post('/charity-disbursements/:id/reversal', { schema: { tags, summary: 'Take back a mistaken disbursement by a reversing line (once); region admin (audited)', params: IdParams, body: ReversalBody, response: { 201: CharityDisbursementRecorded } } }, async (req, reply) =>
    reply.status(201).send(await charity.reverseDisbursement(app.ctx, req.requireActor(), req.params.id, req.body.reason)),
  );

  // ——— public: anyone ———
  app.get('/public/charity-events', { schema: { tags, summary: 'Charity sales of a region’s subtree (the city without one), newest first, with their totals; public', querystring: CharityEventListQuery, response: { 200: CharityPublicEventPage } } }, async (req) =>
    charity.publicEvents(app.ctx, req.query),
  );
  app.get('/public/charity-events/:id/account', { schema: { tags, summary: 'The public account (公开账目): raised by stall, where the money went, held, to the fen; no seller named; public', params: IdParams, response: { 200: CharityPublicAccount } } }, async (req) =>
    charity.publicAccount(app.ctx, req.params.id),
  );
  app.get('/public/charity-totals', { schema: { tags, summary: 'Charity totals by community under a region (the city without one), in fen; public', querystring: CharityRegionTotalsQuery, response: { 200: CharityRegionTotals } } }, async (req) =>
    charity.regionTotals(app.ctx, req.query.regionCode),
  );
};


import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PageQuery } from '@shared/schemas/common';
import {
  FulfilBody,
  LowStockPage,
  MarketReport,
  MarketSettings,
  MarketSettingsBody,
  MovementListQuery,
  MyRedemptionQuery,
  ProductCreateBody,
  ProductListQuery,
  ProductPage,
  ProductResponse,
  ProductUpdateBody,
  Redemption,
  RedemptionCreateBody,
  RedemptionPage,
  RedemptionStatusResponse,
  ReportExportQuery,
  ReportQuery,
  StationRedemptionQuery,
  StockMovementBody,
  StockMovementPage,
  StockMovementResponse,
  type Redemption as RedemptionT,
} from '@shared/schemas/market';
import { sendXlsx } from '../../lib/excel';
import { IMAGE_TYPES } from '../../lib/storage';
import { clientKeyOf, idempotent, sendIdempotent } from '../idempotency/index';
import { parseEarly } from '../../lib/body-guard';
import { registerRawBodyParser } from '../../plugins/body-limit';
import * as service from './market.service';

const STATUS_ZH = { reserved: '待取货', fulfilled: '已取货', cancelled: '已取消', expired: '已过期' } as const;
const DONOR_ZH = { company: '爱心企业', person: '爱心人士' } as const;
const chinaTime = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export const marketRoutes: FastifyPluginAsyncZod = async (app) => {
  // a product picture travels as the raw request body (its bytes are checked, not the header)
  registerRawBodyParser(app, Object.keys(IMAGE_TYPES));

  // ——— goods ———
  app.post(
    '/stations/:id/products',
    { schema: { tags: ['market'], summary: 'Put goods on a station’s shelf; the station’s admin or a region admin holding it', params: IdParams, body: ProductCreateBody, response: { 201: ProductResponse } } },
    async (req, reply) => {
      const product = await service.createProduct(app.ctx, req.requireActor(), req.params.id, req.body);
      reply.status(201);
      return { product };
    },
  );

  app.get(
    '/stations/:id/products',
    { schema: { tags: ['market'], summary: 'The shelf: on-shelf goods (public); the station’s staff see all, with filters', params: IdParams, querystring: ProductListQuery, response: { 200: ProductPage } } },
    async (req) => service.listShelf(app.ctx, req.actor, req.params.id, req.query),
  );

  app.get('/products/:id', { schema: { tags: ['market'], summary: 'One product (off-shelf ones: staff only)', params: IdParams, response: { 200: ProductResponse } } }, async (req) => ({
    product: await service.getProduct(app.ctx, req.actor, req.params.id),
  }));

  app.patch(
    '/products/:id',
    { schema: { tags: ['market'], summary: 'Edit a product, put it on or off the shelf (audited); stock moves only through movements', params: IdParams, body: ProductUpdateBody, response: { 200: ProductResponse } } },
    async (req) => ({ product: await service.updateProduct(app.ctx, req.requireActor(), req.params.id, req.body) }),
  );

  app.post(
    '/products/:id/picture',
    {
      config: {
        rawBody: { types: Object.keys(IMAGE_TYPES), limitBytes: service.MAX_PICTURE_BYTES },
        checkedBeforeBody: async (req) => service.checkPictureUpload(app.ctx, req.requireActor(), parseEarly(IdParams, req.params, 'params').id),
      },
      schema: { tags: ['market'], summary: 'Upload the product picture as the raw body (PNG, JPEG or WebP, at most 2 MB; re-encoded without EXIF)', params: IdParams, response: { 200: ProductResponse } },
    },
    async (req) => {
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return { product: await service.uploadPicture(app.ctx, req.requireActor(), req.params.id, data) };
    },
  );

  app.get('/products/:id/picture', { schema: { tags: ['market'], summary: 'The product picture', params: IdParams } }, async (req, reply) => {
    const pic = await service.readPicture(app.ctx, req.params.id);
    return reply.type(pic.contentType).header('cache-control', 'public, max-age=86400').header('x-content-type-options', 'nosniff').send(pic.data);
  });

  // ——— stock ———
  app.post(
    '/products/:id/movements',
    { schema: { tags: ['market'], summary: 'A donation in (with the donor), an adjustment (with a reason) or a stock-take (the counted quantity); audited', params: IdParams, body: StockMovementBody, response: { 201: StockMovementResponse } } },
    async (req, reply) => {
      const r = await service.recordMovement(app.ctx, req.requireActor(), req.params.id, req.body);
      reply.status(201);
      return r;
    },
  );

  app.get(
    '/stations/:id/stock-movements',
    { schema: { tags: ['market'], summary: 'A station’s stock movements, newest first; staff', params: IdParams, querystring: MovementListQuery, response: { 200: StockMovementPage } } },
    async (req) => service.listMovements(app.ctx, req.requireActor(), req.params.id, req.query),
  );

  app.get(
    '/stations/:id/low-stock',
    { schema: { tags: ['market'], summary: 'Low-stock alerts: goods at or below their threshold; staff', params: IdParams, querystring: PageQuery, response: { 200: LowStockPage } } },
    async (req) => service.listLowStock(app.ctx, req.requireActor(), req.params.id, req.query),
  );

  app.get('/stations/:id/market-settings', { schema: { tags: ['market'], summary: 'Supermarket settings of a station (pickup days)', params: IdParams, response: { 200: MarketSettings } } }, async (req) =>
    service.getSettings(app.ctx, req.actor, req.params.id),
  );

  app.put(
    '/stations/:id/market-settings',
    { schema: { tags: ['market'], summary: 'Set how many days an order waits for pickup (default 7); staff, audited', params: IdParams, body: MarketSettingsBody, response: { 200: MarketSettings } } },
    async (req) => service.putSettings(app.ctx, req.requireActor(), req.params.id, req.body),
  );

  // ——— redemptions ———
  app.post(
    '/redemptions',
    { schema: { tags: ['market'], summary: 'Redeem: stock taken, points reserved until pickup, a six-digit pickup code; `onBehalfOf` for station staff (代兑换); `Idempotency-Key` (UUID) answers a retry with the first answer', body: RedemptionCreateBody, response: { 201: Redemption } } },
    async (req, reply) => {
      const actor = req.requireActor();
      const key = clientKeyOf(req, req.body.clientKey);
      return sendIdempotent(reply, await idempotent(app.ctx, actor, { key, scope: 'redemption', request: req.body, status: 201 }, (ctx) => service.redeem(ctx, actor, req.body)));
    },
  );

  app.get('/redemptions/:id', { schema: { tags: ['market'], summary: 'One order: its owner (with the code and QR) or the station’s staff', params: IdParams, response: { 200: Redemption } } }, async (req) =>
    service.getRedemption(app.ctx, req.requireActor(), req.params.id),
  );

  app.post(
    '/redemptions/:id/fulfil',
    { schema: { tags: ['market'], summary: 'Confirm the pickup with the code; station admin. The reserved points are posted once', params: IdParams, body: FulfilBody, response: { 200: RedemptionStatusResponse } } },
    async (req) => service.fulfil(app.ctx, req.requireActor(), req.params.id, req.body.pickupCode),
  );

  app.post(
    '/redemptions/:id/cancel',
    { schema: { tags: ['market'], summary: 'Cancel before pickup: points and stock go back; the owner or the station’s staff', params: IdParams, response: { 200: RedemptionStatusResponse } } },
    async (req) => service.cancel(app.ctx, req.requireActor(), req.params.id),
  );

  app.get('/me/redemptions', { schema: { tags: ['market'], summary: 'My orders, newest first, with pickup codes', querystring: MyRedemptionQuery, response: { 200: RedemptionPage } } }, async (req) =>
    service.myRedemptions(app.ctx, req.requireActor(), req.query),
  );

  app.get(
    '/stations/:id/redemptions',
    { schema: { tags: ['market'], summary: 'A station’s orders with filters; `code` finds the open order with that pickup code; staff', params: IdParams, querystring: StationRedemptionQuery, response: { 200: RedemptionPage } } },
    async (req) => service.stationRedemptions(app.ctx, req.requireActor(), req.params.id, req.query),
  );

  app.get(
    '/stations/:id/redemptions.xlsx',
    { schema: { tags: ['market'], summary: 'Excel export of what the filter shows', params: IdParams, querystring: StationRedemptionQuery.omit({ page: true, pageSize: true, code: true }) } },
    async (req, reply) => {
      const actor = req.requireActor();
      await service.stationRedemptions(app.ctx, actor, req.params.id, { ...req.query, page: 1, pageSize: 1 }); // authorises before streaming
      const id = req.params.id;
      async function* rows() {
        for (let page = 1; ; page++) {
          const r = await service.stationRedemptions(app.ctx, actor, id, { ...req.query, page, pageSize: 100 });
          yield* r.items;
          if (r.items.length < 100) return;
        }
      }
      return sendXlsx<RedemptionT>(reply, '爱心超市兑换记录.xlsx', '兑换记录', [
        { header: '下单时间', value: (r) => chinaTime(r.createdAt), width: 18 },
        { header: '兑换人', value: (r) => r.userName, width: 12 },
        { header: '商品', value: (r) => r.productName, width: 20 },
        { header: '数量', value: (r) => r.quantity, width: 8 },
        { header: '积分', value: (r) => r.points, width: 10 },
        { header: '状态', value: (r) => STATUS_ZH[r.status], width: 10 },
        { header: '代兑换', value: (r) => (r.onBehalf ? `是（${r.placedByName ?? ''}）` : '否'), width: 14 },
        { header: '完成时间', value: (r) => chinaTime(r.closedAt), width: 18 },
      ], rows());
    },
  );

  // ——— reports ———
  app.get(
    '/stations/:id/market-report',
    { schema: { tags: ['market'], summary: 'Redemptions by month and by item, points spent, stock on hand, donors; staff', params: IdParams, querystring: ReportQuery, response: { 200: MarketReport } } },
    async (req) => service.report(app.ctx, req.requireActor(), req.params.id, req.query),
  );

  app.get(
    '/stations/:id/market-report.xlsx',
    { schema: { tags: ['market'], summary: 'One sheet of the report as Excel (Chinese headers)', params: IdParams, querystring: ReportExportQuery } },
    async (req, reply) => {
      const r = await service.report(app.ctx, req.requireActor(), req.params.id, req.query);
      switch (req.query.sheet) {
        case 'byItem':
          return sendXlsx(reply, '爱心超市按商品统计.xlsx', '按商品', [
            { header: '商品', value: (x: MarketReport['byItem'][number]) => x.name, width: 24 },
            { header: '兑换单数', value: (x) => x.redemptions },
            { header: '数量', value: (x) => x.quantity },
            { header: '消耗积分', value: (x) => x.points },
          ], r.byItem);
        case 'stock':
          return sendXlsx(reply, '爱心超市库存.xlsx', '库存', [
            { header: '商品', value: (x: MarketReport['stockOnHand'][number]) => x.name, width: 24 },
            { header: '库存', value: (x) => x.stock },
            { header: '兑换积分', value: (x) => x.pointsPrice },
            { header: '库存预警', value: (x) => (x.isLowStock ? '是' : '否') },
          ], r.stockOnHand);
        case 'donors':
          return sendXlsx(reply, '爱心超市捐赠方.xlsx', '捐赠方', [
            { header: '捐赠方', value: (x: MarketReport['donors'][number]) => x.donorName, width: 24 },
            { header: '类型', value: (x) => (x.donorType ? DONOR_ZH[x.donorType] : '') },
            { header: '捐赠次数', value: (x) => x.donations },
            { header: '捐赠数量', value: (x) => x.quantity },
          ], r.donors);
        default:
          return sendXlsx(reply, '爱心超市按月统计.xlsx', '按月', [
            { header: '月份', value: (x: MarketReport['byMonth'][number]) => x.month, width: 12 },
            { header: '兑换单数', value: (x) => x.redemptions },
            { header: '数量', value: (x) => x.quantity },
            { header: '消耗积分', value: (x) => x.points },
          ], r.byMonth);
      }
    },
  );
};

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, RegionCode } from '@shared/schemas/common';
import {
  DonationCreateBody,
  LedgerPolicyPutBody,
  LedgerPolicyView,
  LedgerVerifyQuery,
  LedgerVerifyResult,
  Passbook,
  PassbookQuery,
  RelativeCreateBody,
  RelativeLink,
  RelativeStaffPage,
  RelativeStaffQuery,
  ReverseBody,
  Transfer,
  TransferCreateBody,
} from '@shared/schemas/ledger';
import { toTransfer, type TransferOutcome } from './ledger.engine';
import { passbookHolderName, readPassbook } from './ledger.passbook';
import { getRegionPolicy, putRegionPolicy } from './ledger.policies';
import { verifyLedgerAsStaff } from './ledger.proof';
import { declareRelative, decideRelativeLink, listRelativesForStaff, myRelatives } from './ledger.relatives';
import { donate, giveToRelative, reverseByStaff } from './ledger.transfers';
import { passbookPdf, passbookXlsx } from './ledger.export';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, AppContext } from '../../context';
import { AppError } from '../../lib/app-error';
import { clientKeyOf, idempotent, sendIdempotent } from '../idempotency/index';
import { onReads } from '../../plugins/read-routing';

const RegionParams = z.object({ code: RegionCode });
const EXPORT_ROWS = 100;

/**
 * A gift or a donation, once: the ledger's key is the body's `idempotencyKey`, or else the client
 * key (`Idempotency-Key` header / `clientKey`), which also stores the answer (modules/idempotency).
 */
async function spendOnce(
  req: FastifyRequest,
  reply: FastifyReply,
  scope: string,
  body: { idempotencyKey?: string | undefined; clientKey?: string | undefined },
  spend: (ctx: AppContext, actor: Actor, idempotencyKey: string) => Promise<TransferOutcome>,
) {
  const actor = req.requireActor();
  const clientKey = clientKeyOf(req, body.clientKey);
  const idempotencyKey = body.idempotencyKey ?? clientKey;
  if (!idempotencyKey) {
    throw new AppError('VALIDATION_FAILED', undefined, { fields: { idempotencyKey: '请提供幂等键（或 Idempotency-Key 请求头） / Give an idempotency key (or the Idempotency-Key header)' } });
  }
  let ledgerReplayed = false;
  const answer = await idempotent(req.server.ctx, actor, { key: clientKey, scope, request: body, status: 201 }, async (ctx) => {
    const r = await spend(ctx, actor, idempotencyKey);
    ledgerReplayed = r.replayed;
    return toTransfer(r.transfer);
  });
  return sendIdempotent(reply, { ...answer, replayed: answer.replayed || ledgerReplayed });
}

export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/passbook',
    { schema: { tags: ['ledger'], summary: 'My passbook: spendable balances and entries, newest first', querystring: PassbookQuery, response: { 200: Passbook } } },
    async (req) => {
      const actor = req.requireActor();
      return onReads(app, req, (ctx) => readPassbook(ctx, actor, actor.userId, req.query));
    },
  );

  app.get(
    '/volunteers/:id/passbook',
    { schema: { tags: ['ledger'], summary: 'A volunteer’s passbook; region admins whose region holds the volunteer', params: IdParams, querystring: PassbookQuery, response: { 200: Passbook } } },
    async (req) => {
      const actor = req.requireActor();
      return onReads(app, req, (ctx) => readPassbook(ctx, actor, req.params.id, req.query));
    },
  );

  /** The passbook as a printable PDF page or an Excel sheet (latest entries), for its holder or staff in scope. */
  const sendPassbookFile = async (req: FastifyRequest, actor: Actor, userId: string, ledger: 'points' | 'time' | undefined, format: 'pdf' | 'xlsx', reply: FastifyReply) => {
    const { p, holder } = await onReads(app, req, async (ctx) => ({ p: await readPassbook(ctx, actor, userId, { ledger, page: 1, pageSize: EXPORT_ROWS }), holder: await passbookHolderName(ctx, userId) }));
    if (format === 'pdf') {
      const pdf = await passbookPdf(p, holder, app.ctx.clock.now());
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="passbook.pdf"').send(pdf);
    }
    const xlsx = await passbookXlsx(p, holder);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', 'attachment; filename="passbook.xlsx"').send(xlsx);
  };
  const FileQuery = PassbookQuery.pick({ ledger: true });
  for (const format of ['pdf', 'xlsx'] as const) {
    const what = format === 'pdf' ? 'a PDF page' : 'an Excel sheet (Chinese headers)';
    app.get(`/me/passbook.${format}`, { schema: { tags: ['ledger'], summary: `My passbook as ${what} (latest ${EXPORT_ROWS} entries)`, querystring: FileQuery } }, async (req, reply) => {
      const actor = req.requireActor();
      return sendPassbookFile(req, actor, actor.userId, req.query.ledger, format, reply);
    });
    app.get(
      `/volunteers/:id/passbook.${format}`,
      { schema: { tags: ['ledger'], summary: `A volunteer’s passbook as ${what}; staff whose region holds the volunteer`, params: IdParams, querystring: FileQuery } },
      async (req, reply) => sendPassbookFile(req, req.requireActor(), req.params.id, req.query.ledger, format, reply),
    );
  }

  app.post(
    '/relatives',
    { schema: { tags: ['ledger'], summary: 'Declare a direct relative (pending until staff verify it)', body: RelativeCreateBody, response: { 201: RelativeLink } } },
    async (req, reply) => {
      const r = await declareRelative(app.ctx, req.requireActor(), req.body);
      reply.status(201);
      return r;
    },
  );

  app.post(
    '/relatives/:id/verify',
    { schema: { tags: ['ledger'], summary: 'Verify a relation; region admin whose region holds the volunteer (audited)', params: IdParams, response: { 200: RelativeLink } } },
    async (req) => decideRelativeLink(app.ctx, req.requireActor(), req.params.id, 'verified'),
  );

  app.post(
    '/relatives/:id/reject',
    { schema: { tags: ['ledger'], summary: 'Reject a relation; region admin whose region holds the volunteer (audited)', params: IdParams, response: { 200: RelativeLink } } },
    async (req) => decideRelativeLink(app.ctx, req.requireActor(), req.params.id, 'rejected'),
  );

  app.get(
    '/me/relatives',
    { schema: { tags: ['ledger'], summary: 'My relations, either direction', response: { 200: z.object({ items: z.array(RelativeLink), total: z.number().int() }) } } },
    async (req) => {
      const items = await myRelatives(app.ctx, req.requireActor());
      return { items, total: items.length };
    },
  );

  app.get(
    '/relatives',
    { schema: { tags: ['ledger'], summary: 'Relations declared by people of my region subtree (to verify); region admin', querystring: RelativeStaffQuery, response: { 200: RelativeStaffPage } } },
    async (req) => listRelativesForStaff(app.ctx, req.requireActor(), req.query),
  );

  app.post(
    '/transfers',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Give points or time to a verified direct relative; a repeat of the key answers the first result',
        body: TransferCreateBody,
        response: { 201: Transfer },
      },
    },
    async (req, reply) => spendOnce(req, reply, 'family_transfer', req.body, (ctx, actor, idempotencyKey) => giveToRelative(ctx, actor, { ...req.body, idempotencyKey })),
  );

  app.post(
    '/donations',
    { schema: { tags: ['ledger'], summary: 'Donate points or time to the city’s public pool', body: DonationCreateBody, response: { 201: Transfer } } },
    async (req, reply) => spendOnce(req, reply, 'donation', req.body, (ctx, actor, idempotencyKey) => donate(ctx, actor, { ...req.body, idempotencyKey })),
  );

  app.post(
    '/ledger/transfers/:id/reverse',
    { schema: { tags: ['ledger'], summary: 'Correct a posted transfer with a reversal (once); region admin (audited)', params: IdParams, body: ReverseBody, response: { 201: Transfer } } },
    async (req, reply) => {
      const r = await reverseByStaff(app.ctx, req.requireActor(), req.params.id, req.body.reason);
      reply.status(201).header('idempotent-replayed', String(r.replayed));
      return toTransfer(r.transfer);
    },
  );

  app.get(
    '/regions/:code/ledger-policy',
    { schema: { tags: ['ledger'], summary: 'The time-bank policy in force for a region (inherited), and its own rows', params: RegionParams, response: { 200: LedgerPolicyView } } },
    async (req) => {
      req.requireActor();
      return getRegionPolicy(app.ctx, req.params.code);
    },
  );

  app.put(
    '/regions/:code/ledger-policy',
    { schema: { tags: ['ledger'], summary: 'Set a region’s time-bank policy from a date (never retroactive); region admin (audited)', params: RegionParams, body: LedgerPolicyPutBody, response: { 200: LedgerPolicyView } } },
    async (req) => putRegionPolicy(app.ctx, req.requireActor(), req.params.code, req.body),
  );

  app.get(
    '/ledger/verify',
    {
      schema: {
        tags: ['ledger'],
        summary:
          'Prove the books of my scope: balances against transfers, zero sums, hash chains. A root region admin proves everything; a province or city admin the cities inside; others the people of their region (rate-limited)',
        querystring: LedgerVerifyQuery,
        response: { 200: LedgerVerifyResult },
      },
    },
    async (req) => verifyLedgerAsStaff(app.ctx, req.requireActor(), req.query.regionCode),
  );
};

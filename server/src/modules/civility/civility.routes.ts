import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@shared/schemas/common';
import {
  CivilityAnswerBody,
  CivilityAppeal,
  CivilityAppealBody,
  CivilityBoardBody,
  CivilityBoardEntry,
  CivilityBoardPage,
  CivilityConsentBody,
  CivilityCriteria,
  CivilityCriteriaBody,
  CivilityCriteriaQuery,
  CivilityHousehold,
  CivilityHouseholdBody,
  CivilityHouseholdPage,
  CivilityListQuery,
  CivilityRating,
  CivilityRatingBody,
  CivilityRatingPage,
  CivilityReviewBody,
  MyCivility,
  PublicBoardPage,
  PublicBoardQuery,
  PublicCivilityRatingPage,
} from '@shared/schemas/civility';
import * as civility from './civility.service';

const tags = ['civility'];

export const civilityRoutes: FastifyPluginAsyncZod = async (app) => {
  // ——— 十星级文明户 ———
  app.post('/civility-criteria', { schema: { tags, summary: 'Set a region’s stars for a year (十星级文明户: 爱国守法, 孝老爱亲, 清洁卫生 …); region admin (audited)', body: CivilityCriteriaBody, response: { 201: CivilityCriteria } } }, async (req, reply) =>
    reply.status(201).send(await civility.createCriteria(app.ctx, req.requireActor(), req.body)),
  );
  app.get('/public/civility-criteria', { schema: { tags, summary: 'The stars that govern a region in a year (its own or the nearest above it); public', querystring: CivilityCriteriaQuery, response: { 200: CivilityCriteria } } }, async (req) =>
    civility.criteriaFor(app.ctx, req.query.regionCode, req.query.year),
  );
  app.post('/civility-households', { schema: { tags, summary: 'Register a household to rate (address, region, head; to link to grids’ households later); region admin (audited)', body: CivilityHouseholdBody, response: { 201: CivilityHousehold } } }, async (req, reply) =>
    reply.status(201).send(await civility.createHousehold(app.ctx, req.requireActor(), req.body)),
  );
  app.get('/civility-households', { schema: { tags, summary: 'The households of my regions; region admin', querystring: CivilityListQuery, response: { 200: CivilityHouseholdPage } } }, async (req) =>
    civility.listHouseholds(app.ctx, req.requireActor(), req.query),
  );
  app.post('/civility-ratings', { schema: { tags, summary: 'Rate a household for the criteria’s year: every star once, evidence for each earned; not public until the household consents; region admin (audited)', body: CivilityRatingBody, response: { 201: CivilityRating } } }, async (req, reply) =>
    reply.status(201).send(await civility.rateHousehold(app.ctx, req.requireActor(), req.body)),
  );
  app.get('/civility-ratings', { schema: { tags, summary: 'The ratings of my regions with evidence and consent; region admin', querystring: CivilityListQuery, response: { 200: CivilityRatingPage } } }, async (req) =>
    civility.listRatings(app.ctx, req.requireActor(), req.query),
  );
  app.post('/civility-ratings/:id/consent', { schema: { tags, summary: 'Consent to (or withdraw) publication: the head themself, or a region admin recording a signed paper form on behalf (audited)', params: IdParams, body: CivilityConsentBody, response: { 200: CivilityRating } } }, async (req) =>
    civility.setConsent(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.get('/public/civility-ratings', { schema: { tags, summary: 'Rated households that consented: the head masked, the community and the stars, never the address or evidence; public', querystring: CivilityListQuery, response: { 200: PublicCivilityRatingPage } } }, async (req) =>
    civility.publicRatings(app.ctx, req.query),
  );

  // ——— 道德红黑榜 ———
  app.post('/civility-board', { schema: { tags, summary: 'Enter a deed on the red or black board with its evidence and period; pending review; region admin (audited)', body: CivilityBoardBody, response: { 201: CivilityBoardEntry } } }, async (req, reply) =>
    reply.status(201).send(await civility.createEntry(app.ctx, req.requireActor(), req.body)),
  );
  app.get('/civility-board', { schema: { tags, summary: 'The board entries of my regions with review and appeals; region admin', querystring: PublicBoardQuery, response: { 200: CivilityBoardPage } } }, async (req) =>
    civility.listEntries(app.ctx, req.requireActor(), req.query),
  );
  app.post('/civility-board/:id/review', { schema: { tags, summary: 'Approve or reject an entry; never by the admin who entered it (audited)', params: IdParams, body: CivilityReviewBody, response: { 200: CivilityBoardEntry } } }, async (req) =>
    civility.reviewEntry(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.get('/public/civility-board', { schema: { tags, summary: 'The red-black board as it stands today: reviewed where it must be, in its period, not withdrawn; public', querystring: PublicBoardQuery, response: { 200: PublicBoardPage } } }, async (req) =>
    civility.publicBoard(app.ctx, req.query),
  );
  app.post('/civility-board/:id/appeals', { schema: { tags, summary: 'Appeal against an entry: the person or the household’s head named, once (audited)', params: IdParams, body: CivilityAppealBody, response: { 201: CivilityAppeal } } }, async (req, reply) =>
    reply.status(201).send(await civility.appeal(app.ctx, req.requireActor(), req.params.id, req.body.reason)),
  );
  app.post('/civility-appeals/:id/answer', { schema: { tags, summary: 'Answer an appeal: uphold (the entry is withdrawn) or dismiss; a region admin other than who entered it (audited)', params: IdParams, body: CivilityAnswerBody, response: { 200: CivilityBoardEntry } } }, async (req) =>
    civility.answerAppeal(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.get('/me/civility', { schema: { tags, summary: 'My household’s ratings (to consent) and the board entries naming me or my household (to appeal)', response: { 200: MyCivility } } }, async (req) =>
    civility.myCivility(app.ctx, req.requireActor()),
  );
};

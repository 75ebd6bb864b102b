import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PageQuery } from '@shared/schemas/common';
import {
  EvidenceParams,
  EvidenceUploadQuery,
  Campaign,
  CampaignCreateBody,
  CampaignListQuery,
  CampaignPage,
  CampaignScheduleBody,
  CandidatePage,
  HonourWallPage,
  HonourWallQuery,
  MyAwardPage,
  Nomination,
  NominationCreateBody,
  NominationListQuery,
  NominationPage,
  NominationReviewBody,
  PublishBody,
  VoteResult,
} from '@shared/schemas/awards';
import { campaignView, createCampaign, honourWall, listCampaigns, myAwards, publishResults, requireCampaign, rescheduleCampaign } from './campaigns.service';
import { listNominations, nominate, reviewNomination } from './nominations.service';
import { checkEvidenceUpload, EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, readEvidence, uploadEvidence } from './evidence.service';
import { parseEarly } from '../../lib/body-guard';
import { sendDocument } from '../../lib/documents';
import { registerRawBodyParser } from '../../plugins/body-limit';
import { candidates, vote } from './votes.service';

const tags = ['awards'];

export const awardsRoutes: FastifyPluginAsyncZod = async (app) => {
  // evidence files travel as the raw body (pictures, PDF), in this plugin's scope only
  registerRawBodyParser(app, EVIDENCE_TYPES);
  app.post('/award-campaigns', { schema: { tags, summary: 'A region admin creates an award campaign (评选表彰): categories and quotas, eligibility, nomination and voting windows (audited)', body: CampaignCreateBody, response: { 201: Campaign } } }, async (req, reply) => {
    const c = await createCampaign(app.ctx, req.requireActor(), req.body);
    return reply.status(201).send(c);
  });
  app.get('/award-campaigns', { schema: { tags, summary: 'Public: the campaigns of a region’s subtree and of the regions above it', querystring: CampaignListQuery, response: { 200: CampaignPage } } }, async (req) => listCampaigns(app.ctx, req.query));
  app.get('/award-campaigns/:id', { schema: { tags, summary: 'Public: one campaign and its phase', params: IdParams, response: { 200: Campaign } } }, async (req) => campaignView(app.ctx, await requireCampaign(app.ctx, req.params.id)));
  app.put('/award-campaigns/:id/schedule', { schema: { tags, summary: 'The region moves the windows until it publishes (audited)', params: IdParams, body: CampaignScheduleBody, response: { 200: Campaign } } }, async (req) =>
    rescheduleCampaign(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post('/award-campaigns/:id/nominations', { schema: { tags, summary: 'An organisation’s admin nominates a volunteer, team or project with reasons and evidence links; eligibility checked (NOT_ELIGIBLE says why)', params: IdParams, body: NominationCreateBody, response: { 201: Nomination } } }, async (req, reply) => {
    const n = await nominate(app.ctx, req.requireActor(), req.params.id, req.body);
    return reply.status(201).send(n);
  });
  app.get('/award-campaigns/:id/nominations', { schema: { tags, summary: 'Nominations: all for the region’s admins (votes of new accounts apart), an organisation’s own with orgId', params: IdParams, querystring: NominationListQuery, response: { 200: NominationPage } } }, async (req) =>
    listNominations(app.ctx, req.requireActor(), req.params.id, req.query),
  );
  app.post('/award-nominations/:id/review', { schema: { tags, summary: 'The region approves or rejects (with a reason) a nomination before the vote (audited)', params: IdParams, body: NominationReviewBody, response: { 200: Nomination } } }, async (req) =>
    reviewNomination(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post(
    '/award-nominations/:id/evidence',
    {
      config: {
        rawBody: { types: EVIDENCE_TYPES, limitBytes: MAX_EVIDENCE_BYTES },
        checkedBeforeBody: async (req) => checkEvidenceUpload(app.ctx, req.requireActor(), parseEarly(IdParams, req.params, 'params').id),
      },
      schema: { tags, summary: 'The nominating organisation attaches an evidence file as the raw body (PNG, JPEG or WebP re-encoded without EXIF, or PDF; 5 MB) to a pending nomination while nominations are open; ten pieces at most (audited)', params: IdParams, querystring: EvidenceUploadQuery, response: { 201: Nomination } },
    },
    async (req, reply) => {
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      reply.status(201);
      return uploadEvidence(app.ctx, req.requireActor(), req.params.id, data, req.query.title ?? '');
    },
  );
  app.get('/award-nominations/:id/evidence/:fileId', { schema: { tags, summary: 'One evidence file: the nominating organisation’s admins and the campaign region’s admins', params: EvidenceParams } }, async (req, reply) => {
    return sendDocument(reply, await readEvidence(app.ctx, req.requireActor(), req.params.id, req.params.fileId));
  });
  app.get('/award-campaigns/:id/candidates', { schema: { tags, summary: 'Public: the approved candidates, their votes, and whether I voted for each today', params: IdParams, querystring: NominationListQuery, response: { 200: CandidatePage } } }, async (req) =>
    candidates(app.ctx, req.actor ?? null, req.params.id, req.query),
  );
  app.post('/award-nominations/:id/votes', { schema: { tags, summary: 'Vote for a candidate: once a day per account (ALREADY_VOTED), rate-limited, never for oneself or one’s own team', params: IdParams, response: { 201: VoteResult } } }, async (req, reply) => {
    const r = await vote(app.ctx, req.requireActor(), req.params.id);
    return reply.status(201).send(r);
  });
  app.post('/award-campaigns/:id/publish', { schema: { tags, summary: 'The region decides the winners within the quotas and publishes: honour wall, records, honour certificates (audited)', params: IdParams, body: PublishBody, response: { 200: Campaign } } }, async (req) =>
    publishResults(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.get('/honour-wall', { schema: { tags, summary: 'Public honour wall (荣誉墙) of a region’s subtree: volunteers by name only with consent to public display', querystring: HonourWallQuery, response: { 200: HonourWallPage } } }, async (req) => honourWall(app.ctx, req.query));
  app.get('/me/awards', { schema: { tags, summary: 'The awards on my record (art. 9) with their honour certificates', querystring: PageQuery, response: { 200: MyAwardPage } } }, async (req) => myAwards(app.ctx, req.requireActor(), req.query));
};

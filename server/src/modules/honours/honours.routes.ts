import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PageQuery, RegionCode } from '@shared/schemas/common';
import {
  Certificate,
  CertificateCreateBody,
  CertificatePage,
  CertificateVerification,
  MyStars,
  StarAnnouncementPage,
  StarAnnouncementsQuery,
  StarLadderPutBody,
  StarLadderView,
  VerifyParams,
  VerifyQuery,
  VolunteerCard,
} from '@shared/schemas/honours';
import type { CertificateFacts } from '@shared/schemas/honours';
import { getLadder, myStars, putLadder, starAnnouncements } from './stars.service';
import { myCertificate, myCertificates, myVolunteerCard, requestCertificate, verifyCertificate, verifyUrl } from './certificates.service';
import { certificatePdf } from './certificates.pdf';

const RegionParams = z.object({ code: RegionCode });

export const honoursRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/me/stars', { schema: { tags: ['honours'], summary: 'My star level (星级), confirmed hours, the next level and a level under notice (公示)', response: { 200: MyStars } } }, async (req) =>
    myStars(app.ctx, req.requireActor()),
  );

  app.get(
    '/regions/:code/star-ladder',
    { schema: { tags: ['honours'], summary: 'The star ladder in force for a region (inherited) and its own rows (public)', params: RegionParams, response: { 200: StarLadderView } } },
    async (req) => getLadder(app.ctx, req.params.code),
  );
  app.put(
    '/regions/:code/star-ladder',
    { schema: { tags: ['honours'], summary: 'Set a region’s star ladder and notice period from a date (never retroactive); region admin (audited)', params: RegionParams, body: StarLadderPutBody, response: { 200: StarLadderView } } },
    async (req) => putLadder(app.ctx, req.requireActor(), req.params.code, req.body),
  );

  app.get(
    '/stars/announcements',
    { schema: { tags: ['honours'], summary: 'Public notice (公示) of new star levels in a region’s subtree: names only with consent to public display', querystring: StarAnnouncementsQuery, response: { 200: StarAnnouncementPage } } },
    async (req) => starAnnouncements(app.ctx, req.query),
  );

  app.post(
    '/me/certificates',
    { schema: { tags: ['honours'], summary: 'Ask for a service certificate (志愿服务证明) of a period or an activity: facts frozen, number and verification code', body: CertificateCreateBody, response: { 201: Certificate } } },
    async (req, reply) => {
      const c = await requestCertificate(app.ctx, req.requireActor(), req.body);
      return reply.status(201).send(c);
    },
  );
  app.get('/me/certificates', { schema: { tags: ['honours'], summary: 'My certificates and cards, newest first', querystring: PageQuery, response: { 200: CertificatePage } } }, async (req) =>
    myCertificates(app.ctx, req.requireActor(), req.query),
  );
  app.get('/me/certificates/:id.pdf', { schema: { tags: ['honours'], summary: 'One of my certificates as a PDF with a QR code to its verify page', params: IdParams } }, async (req, reply) => {
    const c = await myCertificate(app.ctx, req.requireActor(), req.params.id);
    const pdf = await certificatePdf({ ...c, facts: c.facts as CertificateFacts }, verifyUrl(app.ctx, c));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${c.number}.pdf"`).send(pdf);
  });
  app.get('/me/volunteer-card', { schema: { tags: ['honours'], summary: 'My digital volunteer card (志愿者证): verified like a certificate, its QR payload', response: { 200: VolunteerCard } } }, async (req) =>
    myVolunteerCard(app.ctx, req.requireActor()),
  );

  app.get(
    '/certificates/verify/:number',
    { schema: { tags: ['honours'], summary: 'Anyone verifies a certificate or card by its number and the code printed on it: the frozen facts (masked) and valid or revoked (rate-limited)', params: VerifyParams, querystring: VerifyQuery, response: { 200: CertificateVerification } } },
    async (req) => verifyCertificate(app.ctx, req.ip ?? 'unknown', req.params.number, req.query.code),
  );
};

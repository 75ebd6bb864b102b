import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LoginBody, MeResponse, RegisterBody, UserResponse, User, Password } from '@shared/schemas/auth';
import { IdParams, PageQuery, pageOf } from '@shared/schemas/common';
import { AccountRecoveryList, ClaimBody, ClaimCodeResponse, PasswordResetBody } from '@shared/schemas/people';
import { confirmRecoveries, myRecoveries, personRecoveries } from './recoveries';
import { clearSessionCookies, setDeviceCookie, setSessionCookies } from '../../plugins/auth';
import { DEVICE_COOKIE } from './devices';
import { issueClaimCode } from './claim-codes';
import { issueResetCodeByRelative, issueResetCodeByStaff, resetPassword } from './password-reset';
import { listUserGrantsDetailed } from '../access/index';
import * as service from './accounts.service';

const Session = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const meta = (req: { ip: string; headers: Record<string, unknown>; cookies: Record<string, string | undefined> }) => ({
    ip: req.ip ?? null,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
    deviceCookie: req.cookies[DEVICE_COOKIE] ?? null,
  });

  app.post(
    '/auth/register',
    {
      config: { csrfExempt: true },
      schema: { tags: ['accounts'], summary: 'Register with real name; logs in', body: RegisterBody, response: { 201: UserResponse } },
    },
    async (req, reply) => {
      const { user, session, deviceCookie } = await service.register(app.ctx, req.body, meta(req));
      setSessionCookies(app, req, reply, session);
      setDeviceCookie(app, req, reply, deviceCookie);
      reply.status(201);
      return { user };
    },
  );

  app.post(
    '/auth/login',
    { config: { csrfExempt: true }, schema: { tags: ['accounts'], summary: 'Log in with phone and password', body: LoginBody, response: { 200: UserResponse } } },
    async (req, reply) => {
      const { user, session, deviceCookie } = await service.login(app.ctx, req.body, meta(req));
      setSessionCookies(app, req, reply, session);
      setDeviceCookie(app, req, reply, deviceCookie);
      return { user };
    },
  );

  app.post(
    '/auth/claim',
    {
      config: { csrfExempt: true },
      schema: {
        tags: ['accounts'],
        summary: 'Claim an account that staff registered on one’s behalf with the one-time claim code they printed (phone, ID number and name must match too); sets the password and logs in',
        body: ClaimBody,
        response: { 200: UserResponse },
      },
    },
    async (req, reply) => {
      const { user, session, deviceCookie } = await service.claimAccount(app.ctx, req.body, meta(req));
      setSessionCookies(app, req, reply, session);
      setDeviceCookie(app, req, reply, deviceCookie);
      return { user };
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { csrfExempt: true },
      schema: {
        tags: ['accounts'],
        summary: 'Reset a forgotten password with the one-time code from station staff or a verified relative (no SMS); ends every session and logs in',
        body: PasswordResetBody,
        response: { 200: UserResponse },
      },
    },
    async (req, reply) => {
      const { user, session, deviceCookie } = await resetPassword(app.ctx, req.body, meta(req));
      setSessionCookies(app, req, reply, session);
      setDeviceCookie(app, req, reply, deviceCookie);
      return { user };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['accounts'], summary: 'Log out: revokes this session', response: { 204: z.null() } } },
    async (req, reply) => {
      const actor = req.requireActor();
      await service.logout(app.ctx, actor.userId, req.sessionTokenHash!);
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change my password: ends every other session of mine; wrong current passwords are limited',
        body: z.object({ oldPassword: z.string().min(1), newPassword: Password }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.changePassword(app.ctx, req.requireActor(), req.sessionTokenHash, req.body.oldPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.get('/me', { schema: { tags: ['accounts'], summary: 'Me and my grants', response: { 200: MeResponse } } }, async (req) => {
    const actor = req.requireActor();
    const user = await service.getMe(app.ctx, actor);
    const grants = await listUserGrantsDetailed(app.ctx.db, actor.userId);
    return {
      user,
      grants: grants.map((g) => ({
        id: g.id,
        userId: g.userId,
        role: g.role,
        regionCode: g.regionCode,
        regionName: g.regionName,
        orgId: g.orgId,
        orgName: g.orgName,
        stationId: g.stationId,
        stationName: g.stationName,
        createdAt: g.createdAt.toISOString(),
      })),
    };
  });

  app.get('/me/sessions', { schema: { tags: ['accounts'], summary: 'My live sessions', response: { 200: z.object({ items: z.array(Session) }) } } }, async (req) => ({
    items: await service.listMySessions(app.ctx, req.requireActor(), req.sessionTokenHash),
  }));

  app.delete(
    '/me/sessions/:id',
    { schema: { tags: ['accounts'], summary: 'Revoke one of my sessions', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.revokeMySession(app.ctx, req.requireActor(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Staff look people up (region admins: their subtree by name or phone; others: exact phone)',
        querystring: PageQuery.extend({ q: z.string().max(40).optional() }),
        response: { 200: pageOf(User) },
      },
    },
    async (req) => service.searchPeople(app.ctx, req.requireActor(), req.query),
  );

  app.post(
    '/users/:id/claim-code',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Issue a one-time claim code for an account registered on someone’s behalf (shown once, to print; replaces an earlier code); region admin in scope or the registering staff member',
        params: IdParams,
        response: { 201: ClaimCodeResponse },
      },
    },
    async (req, reply) => {
      const r = await issueClaimCode(app.ctx, req.requireActor(), req.params.id);
      reply.status(201).header('cache-control', 'no-store');
      return r;
    },
  );

  const codeReply = { 201: ClaimCodeResponse };
  app.post(
    '/users/:id/reset-code',
    { schema: { tags: ['accounts'], summary: 'Staff at the counter issue a one-time password reset code (30 minutes, shown once, audited); region admin in scope or the keeper of a station serving the person', params: IdParams, response: codeReply } },
    async (req, reply) => {
      const r = await issueResetCodeByStaff(app.ctx, req.requireActor(), req.params.id);
      reply.status(201).header('cache-control', 'no-store');
      return r;
    },
  );
  app.post(
    '/me/relatives/:id/reset-code',
    { schema: { tags: ['accounts'], summary: 'A verified relative issues a one-time password reset code for the person (30 minutes, shown once, audited)', params: IdParams, response: codeReply } },
    async (req, reply) => {
      const r = await issueResetCodeByRelative(app.ctx, req.requireActor(), req.params.id);
      reply.status(201).header('cache-control', 'no-store');
      return r;
    },
  );
  app.get(
    '/me/recoveries',
    { schema: { tags: ['accounts'], summary: 'My account’s recoveries by a one-time code not yet confirmed in person: while held nothing leaves it, and nothing ever goes to the code’s issuer', response: { 200: AccountRecoveryList } } },
    async (req) => ({ items: await myRecoveries(app.ctx, req.requireActor()) }),
  );
  app.get(
    '/users/:id/recoveries',
    { schema: { tags: ['accounts'], summary: 'A person’s recoveries by a one-time code (the last 20), for staff at the counter: region admin in scope or the keeper of a station serving the person', params: IdParams, response: { 200: AccountRecoveryList } } },
    async (req) => ({ items: await personRecoveries(app.ctx, req.requireActor(), req.params.id) }),
  );
  app.post(
    '/users/:id/recoveries/confirm',
    { schema: { tags: ['accounts'], summary: 'Staff who saw the holder in person confirm them: lifts the hold and the bar on the code’s issuer; never by the issuer or for oneself; audited, the holder is told', params: IdParams, response: { 200: AccountRecoveryList } } },
    async (req) => ({ items: await confirmRecoveries(app.ctx, req.requireActor(), req.params.id) }),
  );
};

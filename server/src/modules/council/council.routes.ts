import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@shared/schemas/common';
import {
  CouncilDecisionDoneBody,
  CouncilDecisionPage,
  CouncilListQuery,
  CouncilMeeting,
  CouncilMeetingBody,
  CouncilMeetingPage,
  CouncilMinutesBody,
  CouncilOverdueQuery,
  CouncilTopic,
  CouncilTopicBody,
  CouncilTopicPage,
  CouncilTopicQuery,
  TopicToRequestBody,
} from '@shared/schemas/council';
import * as council from './council.service';

const tags = ['council'];

export const councilRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/council-topics', { schema: { tags, summary: 'Raise a topic for the council of the community I live in (小板凳议事会); staff may type one in for a resident (audited)', body: CouncilTopicBody, response: { 201: CouncilTopic } } }, async (req, reply) =>
    reply.status(201).send(await council.raiseTopic(app.ctx, req.requireActor(), req.body)),
  );
  app.get('/council-topics', { schema: { tags, summary: 'The topics of my community (or of a region I manage), with their meetings, decisions and overdue flags; `mine` for the topics I raised', querystring: CouncilTopicQuery, response: { 200: CouncilTopicPage } } }, async (req) =>
    council.listTopics(app.ctx, req.requireActor(), req.query),
  );
  app.get('/council-topics/:id', { schema: { tags, summary: 'One topic to its end: meetings, decisions, who follows up and by when', params: IdParams, response: { 200: CouncilTopic } } }, async (req) =>
    council.getTopic(app.ctx, req.requireActor(), req.params.id),
  );
  app.post('/council-topics/:id/support', { schema: { tags, summary: 'Support a neighbour’s topic, once per account', params: IdParams, response: { 200: CouncilTopic } } }, async (req) =>
    council.support(app.ctx, req.requireActor(), req.params.id),
  );
  app.post('/council-topics/:id/request', { schema: { tags, summary: 'Turn a topic into a residents’ request in one step, on behalf of the resident who raised it; staff (audited)', params: IdParams, body: TopicToRequestBody, response: { 200: CouncilTopic } } }, async (req) =>
    council.topicToRequest(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post('/council-meetings', { schema: { tags, summary: 'Schedule a council meeting at a place and time with its topics; staff (audited)', body: CouncilMeetingBody, response: { 201: CouncilMeeting } } }, async (req, reply) =>
    reply.status(201).send(await council.scheduleMeeting(app.ctx, req.requireActor(), req.body)),
  );
  app.get('/council-meetings', { schema: { tags, summary: 'The council meetings of my community (or of a region I manage), with topics, minutes and decisions', querystring: CouncilListQuery, response: { 200: CouncilMeetingPage } } }, async (req) =>
    council.listMeetings(app.ctx, req.requireActor(), req.query),
  );
  app.post('/council-meetings/:id/minutes', { schema: { tags, summary: 'Record the minutes once held: decisions with who follows up and by which day, topics closed with the reason; staff (audited)', params: IdParams, body: CouncilMinutesBody, response: { 200: CouncilMeeting } } }, async (req) =>
    council.recordMinutes(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post('/council-decisions/:id/done', { schema: { tags, summary: 'Mark a decision done with a note: staff or the person following up; the topic is done when none is open (audited)', params: IdParams, body: CouncilDecisionDoneBody, response: { 200: CouncilTopic } } }, async (req) =>
    council.completeDecision(app.ctx, req.requireActor(), req.params.id, req.body.note),
  );
  app.get('/council-decisions/overdue', { schema: { tags, summary: 'Open decisions past their due day in my regions, the oldest first; staff', querystring: CouncilOverdueQuery, response: { 200: CouncilDecisionPage } } }, async (req) =>
    council.overdue(app.ctx, req.requireActor(), req.query),
  );
};

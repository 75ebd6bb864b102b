import type { FastifyContextConfig, FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI generated from the Zod schemas of the routes: /api/v1/openapi.json and /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Aixin 爱心 API',
        description:
          'Volunteer service and time bank. Sessions are cookies; every POST/PUT/PATCH/DELETE sends the `aixin_csrf` cookie value in `X-CSRF-Token`. Errors: `{"error": {"code", "message", "details"}}`.',
        version: '1.0.0',
      },
      servers: [],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'aixin_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const config = (input.route as { config?: FastifyContextConfig }).config;
      if (!config?.checkedBeforeBody) return out;
      // the marker the contract test reads, and the raw file body the route takes
      const schema: Record<string, unknown> = { ...out.schema, 'x-checked-before-body': true };
      if (config.rawBody) {
        schema.body = { type: 'string', format: 'binary', description: `The file itself, at most ${config.rawBody.limitBytes} bytes (larger: 413 PAYLOAD_TOO_LARGE)` };
        schema.consumes = [...config.rawBody.types];
      }
      return { ...out, schema };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

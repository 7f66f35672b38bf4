import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject } from 'zod-openapi';
import { OPERATIONS, type Operation, type SuccessDoc } from './operations';
import { errorBodyFor, type ErrorDoc } from './errors';

/** Path parameters of an OpenAPI path: `{id}` is a uuid, `{key}` a storage key. */
function pathParams(path: string): z.ZodObject | undefined {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (!names.length) return undefined;
  return z.object(Object.fromEntries(names.map((n) => [n, n === 'id' ? z.uuid() : z.string()])));
}

const headerObjects = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [
      name,
      { description, schema: { type: 'string' as const } },
    ]),
  );

function successResponse(success: SuccessDoc) {
  return {
    description: success.description,
    ...(success.headers ? { headers: headerObjects(success.headers) } : {}),
    ...(success.schema
      ? { content: { [success.contentType ?? 'application/json']: { schema: success.schema } } }
      : {}),
  };
}

function errorResponse(doc: string | ErrorDoc) {
  const { description, retryAfter }: ErrorDoc =
    typeof doc === 'string' ? { description: doc } : doc;
  return {
    description,
    ...(retryAfter ? { headers: headerObjects({ 'Retry-After': 'Seconds to wait' }) } : {}),
    content: { 'application/json': { schema: errorBodyFor(doc) } },
  };
}

function operationObject(op: Operation): ZodOpenApiOperationObject {
  const path = pathParams(op.path);
  return {
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    ...(op.public ? { security: [] } : {}),
    ...(op.securedBy ? { security: [{ [op.securedBy]: [] }] } : {}),
    requestParams: {
      ...(path ? { path } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.headers ? { header: op.headers } : {}),
    },
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { [op.bodyType ?? 'application/json']: { schema: op.body } },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        [op.success, ...(op.alsoSuccess ?? [])].map((s) => [String(s.status), successResponse(s)]),
      ),
      ...Object.fromEntries(
        Object.entries(op.errors ?? {}).map(([status, doc]) => [status, errorResponse(doc)]),
      ),
    },
  };
}

/**
 * The OpenAPI 3.1 document, rendered by zod-openapi from the operations registry: the same zod
 * schemas the handlers validate requests with, and the response schemas the tests hold real
 * answers to.
 */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Realty Assistant API',
        version: '1',
        description:
          'Errors have one shape, { error: { code, message, fields?, requestId } }; plan limits are 402 plan_limit.',
      },
      servers: [{ url: serverUrl }],
      security: [{ bearer: [] }, { session: [] }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'Access token (JWT) or API key (ra_...)',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'ra_session',
            description:
              "The dashboard's httpOnly session cookie (__Host-ra_session over https), set by POST /v1/session and its siblings; a request that changes something also sends X-CSRF-Token with the ra_csrf cookie's value. Ignored when an Authorization header is sent.",
          },
          metricsToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'METRICS_TOKEN; without one configured, only direct callers on a private network are answered',
          },
          codecToken: {
            type: 'http',
            scheme: 'bearer',
            description: "TEMPORAL_CODEC_TOKEN (the Temporal CLI's --codec-auth)",
          },
        },
      },
      paths,
    },
    { allowEmptySchema: { custom: true } },
  ) as unknown as Record<string, unknown>;
}

/** An operation by its id, for tests that hold real answers to its success schema. */
export const operationById = (id: string): Operation | undefined =>
  OPERATIONS.find((o) => o.operationId === id);

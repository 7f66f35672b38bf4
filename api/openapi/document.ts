import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject } from 'zod-openapi';
import { OPERATIONS, type Operation } from './operations';
import { ErrorBody } from './responses';

/** Path parameters of an OpenAPI path: `{id}` is a uuid, `{key}` a storage key. */
function pathParams(path: string): z.ZodObject | undefined {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (!names.length) return undefined;
  return z.object(Object.fromEntries(names.map((n) => [n, n === 'id' ? z.uuid() : z.string()])));
}

function operationObject(op: Operation): ZodOpenApiOperationObject {
  const path = pathParams(op.path);
  const { success } = op;
  return {
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    ...(op.public ? { security: [] } : {}),
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
      [String(success.status)]: {
        description: success.description,
        ...(success.schema
          ? {
              content: {
                [success.contentType ?? 'application/json']: { schema: success.schema },
              },
            }
          : {}),
      },
      ...Object.fromEntries(
        Object.entries(op.errors ?? {}).map(([status, description]) => [
          status,
          { description, content: { 'application/json': { schema: ErrorBody } } },
        ]),
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
      security: [{ bearer: [] }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'Access token (JWT) or API key (ra_...)',
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

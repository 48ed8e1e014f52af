import { Problem } from '@civdef/core';
import { z } from 'zod';
import type { AnyRoute } from './route.js';

type JsonSchema = Record<string, unknown>;

interface Collected {
  components: Record<string, JsonSchema>;
}

/** JSON Schema for an OpenAPI 3.1 document: named schemas move to components, refs follow them. */
function toSchema(schema: z.ZodType, io: 'input' | 'output', into: Collected): JsonSchema {
  const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  const text = JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/');
  const { $schema: _drop, $defs, ...rest } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [name, def] of Object.entries($defs ?? {})) into.components[name] ??= def;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query', into: Collected): unknown[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input', into) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    // A Fastify wildcard ('*', the rest of the path) is named `path` in the document: see openApiPath.
    name: name === '*' ? WILDCARD : name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

const WILDCARD = 'path';

/** The route's URL in OpenAPI form: `:id` -> `{id}`, a trailing wildcard `*` -> `{path}` (slashes allowed). */
export function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, `{${WILDCARD}}`);
}

/** Builds the OpenAPI 3.1 document from the route list; generated, never written by hand. */
export function buildOpenApi(routes: readonly AnyRoute[], version: string): Record<string, unknown> {
  const into: Collected = { components: {} };
  const problem = toSchema(Problem, 'output', into);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = openApiPath(r.url);
    const status = String(r.status ?? 200);
    const contentType = r.raw?.contentType ?? 'application/json';
    const operation: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      'x-roles': r.roles === 'public' ? ['public'] : r.roles,
      security: r.roles === 'public' ? [] : [{ bearer: [] }],
      parameters: [...parametersOf(r.params, 'path', into), ...parametersOf(r.query, 'query', into)],
      responses: {
        [status]: { description: 'Success', content: { [contentType]: { schema: toSchema(r.response, 'output', into) } } },
        default: { description: 'An RFC 9457 problem', content: { 'application/problem+json': { schema: problem } } },
      },
    };
    if (r.binaryBody) operation.requestBody = { required: true, content: { [r.binaryBody.contentType]: { schema: { type: 'string', format: 'binary' } } } };
    if (r.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input', into) } } };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'civdef API',
      version,
      description:
        'Operations API of a civil-defence rescue service. Every route lists the roles that may call it in x-roles. ' +
        'Errors are RFC 9457 problem details. Writes carry client-made ULIDs or an Idempotency-Key header, so retries are safe.',
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: into.components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

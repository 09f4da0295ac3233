import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { asyncApiDocument } from '../events/index.ts';

/**
 * The OpenAPI 3.1 document, generated from the routes' own schemas (the one
 * schema source), served at `/openapi.json`; and `/docs`, a reference page
 * rendered from it on the server — plain HTML, no script, nothing fetched
 * from anywhere, so it works offline. Beside them `/asyncapi.json`, the
 * AsyncAPI 3.0 document of every event, from the event catalog.
 */

export async function registerOpenApi(app: FastifyInstance, version: string, events: { subjectPrefix: string }): Promise<void> {
  await app.register(swagger, {
    // @fastify/websocket hides WebSocket routes from the document; ours is part of the contract.
    transform: ({ schema, url, route }) => ({ schema: (route as { websocket?: boolean }).websocket && schema ? { ...schema, hide: false } : schema, url }),
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'orderly',
        version,
        description:
          'The purchase-and-payment core of an online shop. Money is `{ amount, currency }` in integer minor units (JPY). ' +
          'Every error is `{ error: { code, message, retryable, orderNo?, details? } }`, the message in Japanese when ' +
          '`Accept-Language` prefers `ja`. Every answer carries `x-request-id`.',
      },
      tags: [
        { name: 'orders', description: 'buying and following one\'s orders' },
        { name: 'live', description: 'live order status (WebSocket, Server-Sent Events)' },
        { name: 'catalog', description: 'products and stock' },
        { name: 'operations', description: 'operators: orders, dead letters, PSP health, metrics' },
        { name: 'webhooks', description: 'notifications from the PSPs' },
        { name: 'health', description: 'liveness and readiness' },
        { name: 'demo', description: 'development only: the demo storefront\'s sign-in (DEMO_SIGN_IN; never registered in production)' },
      ],
      components: {
        securitySchemes: {
          customerJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256 with ORDERLY_JWT_SECRET; `sub` = customer id; `exp` and `iat` required, at most JWT_MAX_AGE_HOURS old' },
          adminKey: { type: 'http', scheme: 'bearer', description: 'ORDERLY_ADMIN_KEY' },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, for a Prometheus scraper' },
          channelToken: { type: 'apiKey', in: 'query', name: 'token', description: "one order's live updates, from the 202 (also accepted as a Bearer token)" },
        },
      },
    },
  });

  app.get('/openapi.json', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('cache-control', 'no-cache');
    return app.swagger();
  });

  // No servers: where the NATS cluster lives is the deployment's business, not a public document's.
  let asyncApi: Record<string, unknown> | undefined;
  app.get('/asyncapi.json', { schema: { hide: true } }, async (_req, reply) => {
    asyncApi ??= asyncApiDocument(version, { subjectPrefix: events.subjectPrefix });
    reply.header('cache-control', 'no-cache');
    return asyncApi;
  });

  let page: string | undefined;
  app.get('/docs', { schema: { hide: true } }, async (_req, reply) => {
    page ??= renderReference(app.swagger() as unknown as Doc);
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    reply.header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').send(page);
  });
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: unknown }> }>;
}

interface Doc {
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** `code` spans for the backticks of descriptions; everything else escaped. */
const prose = (s: string | undefined) => esc(s ?? '').replace(/`([^`]+)`/g, '<code>$1</code>');

function renderOperation(path: string, method: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : ''}</td><td><pre>${esc(JSON.stringify(p.schema))}</pre></td></tr>`)
    .join('');
  const body = op.requestBody ? Object.values(op.requestBody.content)[0]?.schema : undefined;
  const responses = Object.entries(op.responses)
    .map(([status, r]) => `<tr><td>${esc(status)}</td><td>${prose(r.description)}</td></tr>`)
    .join('');
  const security = (op.security ?? []).map((s) => Object.keys(s).join(' + ')).join(' or ') || 'none';
  return `<section id="${esc(`${method}-${path}`)}"><h3><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p><strong>${prose(op.summary)}</strong></p><p>${prose(op.description)}</p><p>Authentication: ${esc(security)}</p>
${params ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>${params}</table>` : ''}
${body ? `<details><summary>request body</summary><pre>${esc(JSON.stringify(body, null, 2))}</pre></details>` : ''}
<table><tr><th>status</th><th>answer</th></tr>${responses}</table></section>`;
}

/** The reference page: every operation by tag, with parameters, body schema and answers (each error code per status). */
export function renderReference(doc: Doc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(path, method, op)]);
    }
  }
  const sections = (doc.tags ?? [])
    .filter((t) => byTag.has(t.name))
    .map((t) => `<h2>${esc(t.name)}</h2><p>${prose(t.description)}</p>${byTag.get(t.name)!.join('\n')}`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} API ${esc(doc.info.version)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}code,pre{font:13px ui-monospace,monospace}
pre{background:#f5f5f5;padding:.5rem;overflow:auto;white-space:pre-wrap}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top;text-align:left}
section{border-top:1px solid #eee;padding-top:.5rem}.m{background:#224;color:#fff;padding:0 .4rem;border-radius:3px}</style></head>
<body><h1>${esc(doc.info.title)} API <small>${esc(doc.info.version)}</small></h1><p>${prose(doc.info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1); the events: <a href="/asyncapi.json">/asyncapi.json</a> (AsyncAPI 3.0).</p>${sections}</body></html>`;
}

import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Holds every answer a test receives to the served OpenAPI document: the
 * route and status must be documented, and a JSON body must match that
 * status's schema. The document is the contract: an answer it does not
 * describe is a bug, in the code or in the document.
 */

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
}

export class ContractChecker {
  private readonly routes: { pattern: RegExp; path: string; methods: Doc['paths'][string] }[];
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Answers checked so far (a test can assert the hook ran). */
  checked = 0;

  constructor(private readonly doc: Doc) {
    this.routes = Object.entries(doc.paths).map(([path, methods]) => ({ path, methods, pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
  }

  static async load(baseUrl: string): Promise<ContractChecker> {
    const r = await fetch(`${baseUrl}/openapi.json`);
    if (r.status !== 200) throw new Error(`/openapi.json answered ${r.status}`);
    return new ContractChecker((await r.json()) as Doc);
  }

  /** Throws when the answer is not what the document says `method url` answers with `status`. */
  check(method: string, url: string, status: number, contentType: string | null, body: unknown): void {
    const path = new URL(url, 'http://x').pathname;
    // The document itself and its reference page are not operations of the API.
    if (path === '/openapi.json' || path === '/asyncapi.json' || path === '/docs') return void this.checked++;
    // Not ours to document: unknown paths answer the generic 404/405 error, checked for its shape below.
    const route = this.routes.find((r) => r.pattern.test(path) && r.methods[method.toLowerCase()]);
    if (!route) {
      if ([404, 405, 414, 429].includes(status) && isErrorBody(body)) return void this.checked++;
      throw new Error(`${method} ${path} answered ${status}, but the OpenAPI document has no such operation`);
    }
    const op = route.methods[method.toLowerCase()]!;
    const response = op.responses[String(status)];
    if (!response) throw new Error(`${method} ${route.path} answered ${status}, which its OpenAPI operation does not list (${Object.keys(op.responses).join(', ')})`);
    this.checked++;
    if (!contentType?.includes('application/json')) return;
    const schema = response.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method} ${route.path} ${status}: a JSON body, but no JSON schema in the document`);
    const key = `${method} ${route.path} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) this.compiled.set(key, (validate = this.ajv.compile(schema)));
    if (!validate(body)) throw new Error(`${key}: the answer does not match its schema: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`);
  }
}

function isErrorBody(b: unknown): boolean {
  const e = (b as { error?: { code?: unknown; message?: unknown; retryable?: unknown } }).error;
  return typeof e?.code === 'string' && typeof e.message === 'string' && typeof e.retryable === 'boolean';
}

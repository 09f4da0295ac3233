import openapiTS, { astToString } from 'openapi-typescript';

/** Where the web pages' API types live (generated; never edited by hand). */
export const CLIENT_TYPES_FILE = 'web/shared/api.gen.ts';

/**
 * The TypeScript types of the API, from the served OpenAPI document: the web pages' client
 * (openapi-fetch) is typed by them, so a route or schema change that breaks a page fails the typecheck.
 */
export async function renderClientTypes(doc: unknown): Promise<string> {
  const ast = await openapiTS(doc as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return `// Generated from /openapi.json by \`npm run gen:client\`: do not edit by hand.\n/* eslint-disable */\n${astToString(ast)}`;
}

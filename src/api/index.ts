/**
 * The HTTP edge: the only module that knows HTTP. Routes, authentication,
 * validation and the input policy, rate limits, error mapping, the OpenAPI
 * document, live endpoints and webhook receivers.
 */
export { buildApp } from './app.ts';
export { declaredRoutes } from './errors.ts';
export { signCustomerToken, verifyCustomerToken } from './auth.ts';
export type { ApiContext } from './context.ts';

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Module rules (docs/design.md), enforced here:
 * - a module is imported only through its index.ts;
 * - only the HTTP edge (src/api) knows HTTP: no Fastify in the domain modules or platform;
 * - platform imports no domain module;
 * - payments never knows checkout; checkout never knows a PSP adapter or the simulator;
 * - events, monitor and outbound know platform and events only.
 * ESLint takes one `no-restricted-imports` per file, so each folder's list is built whole.
 */
const MODULES = ['api', 'checkout', 'payments', 'inventory', 'notifications', 'events', 'monitor', 'outbound', 'triage', 'psp-sim'];

/** `../checkout/order.repository.ts` (or `./checkout/…` from src/): another module's insides. */
const throughIndexOnly = {
  regex: `^(\\./|(\\.\\./)+)(${MODULES.join('|')})/(?!index\\.ts$)`,
  message: 'import another module only through its index.ts',
};
const noHttp = { group: ['fastify', '@fastify/*'], message: 'only the HTTP edge (src/api) knows HTTP' };
// Relative imports only: a package such as @opentelemetry/api is not our module api.
const noModule = (names, message) => ({ regex: `^\\.{1,2}/(.*/)?(${names.join('|')})(/|$)`, message });

const restricted = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/**', '.orderly/**', 'coverage/**', 'dist/**', '.tmp/**', 'web/dist/**', 'web/.dist-*/**', 'web/shared/api.gen.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  { files: ['src/**/*.ts'], rules: restricted(throughIndexOnly) },
  { files: ['src/inventory/**/*.ts', 'src/notifications/**/*.ts'], rules: restricted(throughIndexOnly, noHttp) },
  {
    files: ['src/payments/**/*.ts'],
    rules: restricted(throughIndexOnly, noHttp, noModule(['checkout'], 'payments never knows checkout (it speaks of references)')),
  },
  {
    files: ['src/checkout/**/*.ts'],
    rules: restricted(throughIndexOnly, noHttp, noModule(['providers', 'psp-sim'], 'checkout asks payments, never a PSP adapter or the simulator')),
  },
  {
    // They read the stream and tell of their own changes; what they know of orders comes from events.
    files: ['src/events/**/*.ts', 'src/monitor/**/*.ts', 'src/outbound/**/*.ts'],
    rules: restricted(
      throughIndexOnly,
      noHttp,
      noModule(['api', 'checkout', 'payments', 'inventory', 'notifications', 'psp-sim', 'providers'], 'events, monitor and outbound know platform and events only'),
    ),
  },
  {
    // Pure code over log lines: it reads what it is given, nothing of the service.
    files: ['src/triage/**/*.ts'],
    rules: restricted(throughIndexOnly, noHttp, noModule(MODULES.filter((m) => m !== 'triage'), 'triage is pure: it knows platform at most')),
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: restricted(noHttp, noModule(MODULES, 'platform knows no module: modules build on it, not the other way round')),
  },
  {
    // Tests read JSON answers; typing every response shape would add noise, not safety.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.orderly/**', 'coverage/**', 'dist/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Module rules (docs/design.md): payments never knows checkout; checkout never knows a PSP adapter.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/payments/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/checkout/**', '**/checkout/index.ts'] }] },
  },
  {
    files: ['src/checkout/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/providers/**', '**/psp-sim/**'] }] },
  },
  {
    // Tests read JSON answers; typing every response shape would add noise, not safety.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '.data/**', '.local/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  // Domain and route code reach the database only through the service's unit of work (its
  // tenant-bound repositories, outbox and audit log): no Prisma client, no raw transactions.
  {
    files: ['services/*/src/domain/**/*.ts', 'services/*/src/routes/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/generated/prisma', '**/generated/prisma/**', '@prisma/*', '@plh/db', '**/data/db'],
              message: 'Use the unit of work (src/data/unit-of-work.ts) and its repositories instead.',
            },
          ],
        },
      ],
    },
  },
  // Config files and scripts run on Node directly.
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  { files: ['scripts/**', 'bench/**', '**/*.mjs', '**/test/**', 'apps/web/e2e/**'], rules: { 'no-console': 'off' } },
);

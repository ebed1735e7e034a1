// Shared jest settings: @swc/jest compiles TypeScript without type-checking (tsc does that in `typecheck`).
// ESM-only dependencies (light-my-request's `cookie`) are compiled to CommonJS too: jest on Node 20
// cannot require() ES modules.
const ESM_ONLY = ['cookie'];
const swc = [
  '@swc/jest',
  { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+\\.js$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/)?(${ESM_ONLY.join('|')})[@/])`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
};

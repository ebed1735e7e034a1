// The short fault suite (faults/*.test.ts): the whole platform started as `npm start` starts it, on free
// ports, so no shared servers (global setup) are needed. The benchmarks themselves run with `pnpm bench`.
module.exports = {
  ...require('../jest.preset.js'),
  testMatch: ['<rootDir>/faults/**/*.test.ts'],
  testTimeout: 900_000,
};

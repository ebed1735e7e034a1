// The browser journeys (e2e/: the whole platform started as `npm start` starts it, driven through Chromium) and
// checks of the built app (test/).
// One file, in order: the journeys share a platform and an order.
module.exports = {
  ...require('../../jest.preset.js'),
  testMatch: ['<rootDir>/e2e/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testTimeout: 240_000,
};

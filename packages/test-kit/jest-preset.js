// Spread into a package's jest.config.js: one Postgres + one NATS per jest run, shared by its test files.
module.exports = {
  globalSetup: require.resolve('./dist/global-setup.js'),
  globalTeardown: require.resolve('./dist/global-teardown.js'),
  testTimeout: 60_000,
};

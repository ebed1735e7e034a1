/** Environment variables through which globalSetup hands server URLs to test workers. */
export const TEST_ENV = {
  adminDatabaseUrl: 'PLH_TEST_ADMIN_DATABASE_URL',
  natsUrl: 'PLH_TEST_NATS_URL',
  backend: 'PLH_TEST_BACKEND',
} as const;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: is @plh/test-kit/jest-preset in this package's jest.config.js?`);
  return value;
}

export const testAdminDatabaseUrl = (): string => required(TEST_ENV.adminDatabaseUrl);
export const testNatsUrl = (): string => required(TEST_ENV.natsUrl);

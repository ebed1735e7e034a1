export * from './database';
export * from './eventually';
export * from './nats-server';
export * from './postgres';
export * from './ports';
export * from './redis-server';
export * from './s3-server';
export * from './test-env';
export { containerRuntimeAvailable } from './containers';

export * from './keys';
export * from './local-driver';
export * from './object-storage';
export * from './s3-driver';
export * from './signed-url';
export { sniffContentType } from './sniff';
export * from './from-config';

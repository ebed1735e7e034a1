export * from './envelope';
export * from './registry';
export * from './redaction';
export * from './subjects';
export * from './events';
export * from './internal/mailing';
export * from './internal/service-keys';
export * from './catalogue';

export * from './connect';
export * from './consumer';
export * from './dead-letter';
export * from './naming';
export * from './outbox';
export * from './relay';
export * from './streams';
export * from './watch';

export * from './canonical-json';
export * from './chain-verifier';
export * from './checkpoint';
export * from './entry';
export * from './export-format';
export * from './export-verifier';
export * from './merkle';

/** The proof engine's building blocks (the service around them is issue #6's next step). */
export * from './domain/templates/checks';
export * from './domain/templates/compile';
export * from './domain/templates/library';
export * from './domain/render/layout';
export * from './domain/render/render-letters';
export * from './domain/render/render-batches';
export * from './domain/templates/sample-data';

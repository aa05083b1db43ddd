export * from './enums.js';
export * from './decimal.js';
export * from './figures.js';
export * from './rollup.js';
export * from './schemas.js';

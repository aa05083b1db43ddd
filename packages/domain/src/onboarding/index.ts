export * from './columns.js';
export * from './cells.js';
export * from './schemas.js';

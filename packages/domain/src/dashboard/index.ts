export * from './schemas.js';
export * from './summary.js';

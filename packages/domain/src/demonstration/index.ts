export * from './lifecycle.js';
export * from './edits.js';
export * from './scoring.js';
export * from './indicators.js';
export * from './schemas.js';
export * from './decide.js';
export * from './excel.js';

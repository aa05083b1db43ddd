export * from './lifecycle.js';
export * from './decide.js';
export * from './sections.js';
export * from './figures.js';
export * from './document.js';
export * from './schemas.js';

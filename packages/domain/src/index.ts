export * from './jurisdiction.js';
export * from './roles.js';
export * from './ability.js';
export * from './ability-sql.js';
export * from './errors.js';
export * from './auth/schemas.js';
export * from './org/schemas.js';

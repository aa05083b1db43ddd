export {
  DIVISION_BATCH_SIZE,
  DIVISION_FILES,
  buildDivisionRows,
  classifyDivision,
  countByLevel,
  divisionDataDir,
  importDivisions,
  importDivisionsInto,
  parseCsv,
  parseDivisionCsv,
  readDivisionCsvs,
  readDivisions,
  toDivisionRow,
  upsertDivisionRows,
} from './divisions.js';
export type { DivisionRow, DivisionSource, ImportDivisionsOptions, ImportDivisionsResult, RawDivision } from './divisions.js';
export {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_PROVINCE,
  demoUnits,
  hasDemoUsers,
  listDemoAccounts,
  seedDemo,
  townshipGovernment,
} from './demo.js';
export type { DemoAccount, DemoAccountSpec, SeedDemoResult } from './demo.js';
export { seedRectificationDemo } from './rectification-demo.js';
export { seedDemonstrationDemo } from './demonstration-demo.js';
export { seedPlansDemo } from './plans-demo.js';
export { seedReportingDemo } from './reporting-demo.js';

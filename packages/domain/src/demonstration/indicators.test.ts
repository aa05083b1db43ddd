import { describe, expect, it } from 'vitest';
import { participantLevelsFor, treeProblems } from './indicators.js';
import type { TreeNode } from './indicators.js';
import { levelFromCell, scoreFromCell, vetoFromCell } from './excel.js';
import { assessmentSaveInput, campaignCreateInput, indicatorSaveInput } from './schemas.js';

const node = (id: number, parentId: number | null, level: number, maxScore: number | null = null, over: Partial<TreeNode> = {}): TreeNode => ({ id, parentId, level, code: String(id), maxScore, veto: false, ...over });

describe('tree rules for publishing', () => {
  it('accepts a two-level tree with scored leaves', () => {
    expect(treeProblems([node(1, null, 1), node(2, 1, 2, 50), node(3, 1, 2, 50, { veto: true })])).toEqual([]);
  });
  it('names every problem: empty, wrong level, unscored leaf, veto on a parent, duplicate code', () => {
    expect(treeProblems([])).toEqual(['指标体系中还没有指标']);
    expect(treeProblems([node(1, null, 2, 10)])).toEqual(['指标“1”没有上级指标,应为一级指标']);
    expect(treeProblems([node(1, null, 1), node(2, 1, 3, 10)])).toEqual(['指标“2”的层级应比上级指标低一级']);
    expect(treeProblems([node(1, null, 1), node(2, 1, 2)])).toEqual(['末级指标“2”须设置大于 0 的分值']);
    expect(treeProblems([node(1, null, 1, null, { veto: true }), node(2, 1, 2, 5)])).toEqual(['一票否决只能设置在末级指标上(“1”有下级指标)']);
    expect(treeProblems([node(1, null, 1, 5, { code: 'A' }), node(2, null, 1, 5, { code: 'A' })])).toEqual(['指标编号“A”重复']);
  });
});

describe('who takes part', () => {
  it('a county enrols townships; a city enrols counties or townships; nobody else runs campaigns', () => {
    expect(participantLevelsFor('county')).toEqual(['township']);
    expect(participantLevelsFor('city')).toEqual(['county', 'township']);
    expect(participantLevelsFor('province')).toEqual([]);
    expect(participantLevelsFor('township')).toEqual([]);
  });
});

describe('inputs', () => {
  it('takes scores with at most one decimal', () => {
    expect(assessmentSaveInput.safeParse({ applicationId: 1, indicatorId: 2, selfScore: 4.5 }).success).toBe(true);
    expect(assessmentSaveInput.safeParse({ applicationId: 1, indicatorId: 2, selfScore: 4.55 }).success).toBe(false);
    expect(assessmentSaveInput.safeParse({ applicationId: 1, indicatorId: 2, selfScore: 101 }).success).toBe(false);
    expect(indicatorSaveInput.safeParse({ versionId: 1, version: 0, code: '1.2', name: '健全法治建设领导体制', maxScore: 3 }).success).toBe(true);
    expect(indicatorSaveInput.safeParse({ versionId: 1, version: 0, code: '=1+1', name: 'x' }).success).toBe(false);
  });
  it('wants a target share between 0 and 1 and a review deadline after the submission deadline', () => {
    const base = { name: '2026年度法治镇街创建', year: 2026, versionId: 1, submitDeadline: '2026-12-15', reviewDeadline: '2026-12-31', target: { numerator: 2, denominator: 3 } };
    expect(campaignCreateInput.safeParse(base).success).toBe(true);
    expect(campaignCreateInput.safeParse({ ...base, target: { numerator: 4, denominator: 3 } }).success).toBe(false);
    expect(campaignCreateInput.safeParse({ ...base, reviewDeadline: '2026-12-01' }).success).toBe(false);
    expect(campaignCreateInput.safeParse({ ...base, participantIds: [371312001, 371312001] }).success).toBe(false);
  });
});

describe('spreadsheet cells', () => {
  it('reads levels, scores and veto flags as people write them', () => {
    expect(levelFromCell('二级')).toBe(2);
    expect(levelFromCell(3)).toBe(3);
    expect(levelFromCell('4')).toBeNull();
    expect(scoreFromCell(4.5)).toBe(45);
    expect(scoreFromCell('')).toBeNull();
    expect(scoreFromCell('4.55')).toBe('bad');
    expect(scoreFromCell('五')).toBe('bad');
    expect(vetoFromCell('是')).toBe(true);
    expect(vetoFromCell(undefined)).toBe(false);
    expect(vetoFromCell('也许')).toBeNull();
  });
});

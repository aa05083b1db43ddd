import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from '../ability.js';
import type { Principal, ScopedRecord } from '../ability.js';
import { ancestorIdsOfCode, levelOfCode } from '../jurisdiction.js';
import type { Role } from '../roles.js';
import { availableAnnualReportEvents, decideAnnualReportEvent } from './decide.js';
import { annualReportBlocks, fullWidthPunctuation } from './document.js';
import { composeFigures } from './figures.js';
import { annualReportBlockedReason } from './lifecycle.js';
import { annualReportTitle, defaultIntro, governmentName, partyAndGovernment } from './sections.js';

const principal = (code: string, roles: Role[]): Principal => ({ userId: 1, unitId: 7, roles, jurisdiction: { id: Number(code), level: levelOfCode(code)!, ...ancestorIdsOfCode(code) } });
const report = (code: string, reviewer: number | undefined): ScopedRecord => ({ jurisdictionId: Number(code), ...ancestorIdsOfCode(code), ...(reviewer !== undefined && { reviewerJurisdictionId: reviewer }) });
const facts = { hasReviewer: true, sectionsComplete: true };

describe('the annual report lifecycle', () => {
  it('河东区 submits to 临沂市, which returns or accepts; 河东区 then publishes', () => {
    const hedong = defineAbilityFor(principal('371312', ['admin', 'supervisor']));
    const linyi = defineAbilityFor(principal('3713', ['supervisor']));
    const r = report('371312', 3713);
    expect(availableAnnualReportEvents(hedong, r, { ...facts, status: 'draft' })).toEqual(['submit']);
    expect(availableAnnualReportEvents(linyi, r, { ...facts, status: 'draft' })).toEqual([]);
    expect(availableAnnualReportEvents(linyi, r, { ...facts, status: 'submitted' })).toEqual(['return', 'accept']);
    expect(availableAnnualReportEvents(hedong, r, { ...facts, status: 'submitted' })).toEqual([]);
    expect(availableAnnualReportEvents(hedong, r, { ...facts, status: 'accepted' })).toEqual(['publish']);
    expect(decideAnnualReportEvent(linyi, r, { ...facts, status: 'submitted' }, 'return', {})).toEqual({ ok: false, code: 'BAD_REQUEST', message: '请填写退回理由' });
    expect(decideAnnualReportEvent(linyi, r, { ...facts, status: 'submitted' }, 'return', { reason: '数据有误' })).toEqual({ ok: true, to: 'returned' });
  });

  it('the province above the reviewer may read but not review, and a report needs all four sections to go up', () => {
    const province = defineAbilityFor(principal('37', ['supervisor']));
    expect(decideAnnualReportEvent(province, report('371312', 3713), { ...facts, status: 'submitted' }, 'accept', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(province.can('read', 'AnnualReport')).toBe(true);
    expect(annualReportBlockedReason({ ...facts, status: 'draft', sectionsComplete: false }, 'submit', {})).toBe('请先填写报告的全部四个部分');
    expect(annualReportBlockedReason({ ...facts, status: 'draft' }, 'publish', {})).toBe('报告须经上级审核通过后才能公开发布');
  });

  it('a province has no level above: it publishes its draft directly and cannot submit', () => {
    const shandong = defineAbilityFor(principal('37', ['admin']));
    expect(availableAnnualReportEvents(shandong, report('37', undefined), { status: 'draft', hasReviewer: false, sectionsComplete: true })).toEqual(['publish']);
  });

  it('operators draft the report but do not submit it; viewers only read', () => {
    const sfj = defineAbilityFor(principal('371312', ['operator']));
    expect(sfj.can('update', 'AnnualReport')).toBe(true);
    expect(availableAnnualReportEvents(sfj, report('371312', 3713), { ...facts, status: 'draft' })).toEqual([]);
    expect(defineAbilityFor(principal('371312', ['viewer'])).can('update', 'AnnualReport')).toBe(false);
  });
});

describe('the report’s words', () => {
  it('names the government, its leadership and the title as reports do', () => {
    expect(governmentName('河东区', 'county')).toBe('河东区人民政府');
    expect(governmentName('九曲街道', 'township')).toBe('九曲街道办事处');
    expect(partyAndGovernment('河东区', 'county')).toBe('河东区委、区政府');
    expect(partyAndGovernment('汤河镇', 'township')).toBe('汤河镇党委、镇政府');
    expect(annualReportTitle('河东区人民政府', 2025)).toBe('河东区人民政府关于2025年法治政府建设情况的报告');
    expect(defaultIntro('河东区', 'county', 2025)).toMatch(/^2025年,河东区委、区政府坚持.*现将有关情况报告如下:$/);
  });

  it('writes the figures block from metrics and rectification counts', () => {
    const text = composeFigures({
      metrics: [
        { name: '行政机关负责人出庭应诉率', kind: 'rate', denominatorLabel: '应出庭案件数', figure: { numerator: '29', denominator: '30', value: 96.67, text: '96.7%' }, target: '≥97%', hit: false, yoy: { delta: 26.7, percent: null, text: '较上年提高26.7个百分点', better: true }, coverage: { reported: 1, expected: 1 }, sourceLevel: 'county' },
        { name: '矛盾纠纷调解成功率', kind: 'rate', denominatorLabel: '调解件数', figure: { numerator: '980', denominator: '1000', value: 98, text: '98%' }, target: null, hit: null, yoy: null, coverage: { reported: 11, expected: 13 }, sourceLevel: 'township' },
        { name: '行政复议案件数', kind: 'count', denominatorLabel: null, figure: null, target: null, hit: null, yoy: null, coverage: { reported: 0, expected: 1 }, sourceLevel: 'county' },
      ],
      rectification: { issued: 40, closed: 28, flagged: 5 },
      demonstrationNamed: 1,
    });
    expect(text.split('\n')).toEqual([
      '行政机关负责人出庭应诉率96.7%(目标≥97%,未达标),较上年提高26.7个百分点。',
      '矛盾纠纷调解成功率98%(13个乡镇(街道)中已填报11个)。',
      '行政复议案件数:暂未填报。',
      '本年度收到上级督察反馈问题40个,已整改销号28个,整改率70%;其中挂牌督办5个。',
      '本年度获法治政府建设示范创建命名1个。',
    ]);
  });

  it('lays the document out: title, opening, 一 to 四 with (一) subheadings, figures in 一, issuing body and date', () => {
    const blocks = annualReportBlocks({
      year: 2025,
      title: '河东区人民政府关于2025年法治政府建设情况的报告',
      issuingBody: '河东区人民政府',
      intro: '开头。',
      sections: { measures: '(一)健全制度\n\n正文一。', firstResponsible: '正文二。', problems: '一是……', nextYear: '' },
      figures: '合法性审核率100%。',
      date: '2026-02-28',
    });
    expect(blocks.map((b) => `${b.kind}:${b.text}`)).toEqual([
      'title:河东区人民政府关于2025年法治政府建设情况的报告',
      'paragraph:开头。',
      'heading:一、主要举措和成效',
      'subheading:\uff08一\uff09健全制度',
      'paragraph:正文一。',
      'subheading:主要指标完成情况',
      'paragraph:合法性审核率100%。',
      'heading:二、党政主要负责人履行推进法治建设第一责任人职责情况',
      'paragraph:正文二。',
      'heading:三、存在的问题',
      'paragraph:一是……',
      'heading:四、2026年工作安排',
      'signature:河东区人民政府',
      'date:2026年2月28日',
    ]);
  });

  it('prints Chinese text with full-width punctuation but leaves numbers alone', () => {
    expect(fullWidthPunctuation('96.7%(目标≥97%,未达标),较上年提高1,800件;比例3:2')).toBe('96.7%\uff08目标≥97%\uff0c未达标\uff09\uff0c较上年提高1,800件\uff1b比例3:2');
    expect(fullWidthPunctuation('(2021—2025年)')).toBe('\uff082021—2025年\uff09');
    expect(fullWidthPunctuation('(1) a, b')).toBe('(1) a, b');
  });
});

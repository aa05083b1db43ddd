import type { Level, MetricDirection, MetricKind, TargetOp } from '@fz/domain';

/**
 * Demo metrics and figures, taken from the seed documents: 合法性审核率 100% (河东区 plan), 负责人
 * 出庭应诉率 97% and 复议案件 66 件 同比增加 267% (开原 2023 report), 败诉率 below 10%, 60 training
 * hours a year (河东区 plan), 调解成功率 98% (开原).
 */
export interface DemoMetric {
  owner: number;
  code: string;
  name: string;
  unit: string;
  kind: MetricKind;
  direction: MetricDirection;
  target: [TargetOp, string] | null;
  levels: Level[];
  numerator: string | null;
  denominator: string | null;
  group: string;
  sort: number;
}

const SHANDONG = 37;
const LINYI = 3713;

export const DEMO_METRICS: DemoMetric[] = [
  { owner: SHANDONG, code: 'SD-01', name: '行政规范性文件合法性审核率', unit: '%', kind: 'rate', direction: 'higher', target: ['>=', '100'], levels: ['county'], numerator: '经合法性审核件数', denominator: '制发行政规范性文件件数', group: '依法行政制度体系', sort: 10 },
  { owner: SHANDONG, code: 'SD-02', name: '重大行政决策合法性审查率', unit: '%', kind: 'rate', direction: 'higher', target: ['>=', '100'], levels: ['county'], numerator: '经合法性审查事项数', denominator: '重大行政决策事项数', group: '依法行政制度体系', sort: 20 },
  { owner: SHANDONG, code: 'SD-03', name: '行政复议案件数', unit: '件', kind: 'count', direction: 'neutral', target: null, levels: ['county'], numerator: '受理行政复议案件数', denominator: null, group: '行政复议与应诉', sort: 30 },
  { owner: SHANDONG, code: 'SD-04', name: '行政复议纠错率', unit: '%', kind: 'rate', direction: 'neutral', target: null, levels: ['county'], numerator: '纠错案件数', denominator: '审结案件数', group: '行政复议与应诉', sort: 40 },
  { owner: SHANDONG, code: 'SD-05', name: '行政机关负责人出庭应诉率', unit: '%', kind: 'rate', direction: 'higher', target: ['>=', '97'], levels: ['county'], numerator: '负责人出庭应诉案件数', denominator: '应出庭应诉案件数', group: '行政复议与应诉', sort: 50 },
  { owner: SHANDONG, code: 'SD-06', name: '行政诉讼败诉率', unit: '%', kind: 'rate', direction: 'lower', target: ['<', '10'], levels: ['county'], numerator: '败诉案件数', denominator: '审结案件数', group: '行政复议与应诉', sort: 60 },
  { owner: SHANDONG, code: 'SD-07', name: '行政执法人员人均培训学时', unit: '学时', kind: 'average', direction: 'higher', target: ['>=', '60'], levels: ['county'], numerator: '培训总学时', denominator: '行政执法人员数', group: '严格规范公正文明执法', sort: 70 },
  { owner: LINYI, code: 'LY-01', name: '矛盾纠纷调解件数', unit: '件', kind: 'count', direction: 'neutral', target: null, levels: ['township'], numerator: '调解矛盾纠纷件数', denominator: null, group: '矛盾纠纷预防化解', sort: 10 },
  { owner: LINYI, code: 'LY-02', name: '矛盾纠纷调解成功率', unit: '%', kind: 'rate', direction: 'higher', target: ['>=', '95'], levels: ['township'], numerator: '调解成功件数', denominator: '调解件数', group: '矛盾纠纷预防化解', sort: 20 },
  { owner: LINYI, code: 'LY-03', name: '政府信息公开申请按期答复率', unit: '%', kind: 'rate', direction: 'higher', target: ['>=', '100'], levels: ['county'], numerator: '按期答复件数', denominator: '依申请公开件数', group: '权力制约监督', sort: 30 },
];

/** [numerator, denominator] per metric code; a count has no denominator. */
type Figures = Record<string, [string, string | null]>;

/** County figures per county and year. 河东区 has 2024 too, so its 2025 report compares with the year before. */
export const COUNTY_FIGURES: Record<number, Record<number, Figures>> = {
  371312: {
    2024: { 'SD-01': ['38', '40'], 'SD-02': ['5', '5'], 'SD-03': ['18', null], 'SD-04': ['2', '16'], 'SD-05': ['21', '30'], 'SD-06': ['4', '35'], 'SD-07': ['33600', '600'], 'LY-03': ['11', '12'] },
    2025: { 'SD-01': ['42', '42'], 'SD-02': ['6', '6'], 'SD-03': ['66', null], 'SD-04': ['9', '58'], 'SD-05': ['29', '30'], 'SD-06': ['2', '31'], 'SD-07': ['38400', '620'], 'LY-03': ['13', '13'] },
    2026: { 'SD-01': ['35', '35'], 'SD-02': ['4', '4'], 'SD-03': ['71', null], 'SD-04': ['8', '62'], 'SD-05': ['33', '34'], 'SD-06': ['3', '36'], 'SD-07': ['39060', '630'], 'LY-03': ['15', '15'] },
  },
  371302: {
    2025: { 'SD-01': ['56', '57'], 'SD-02': ['8', '8'], 'SD-03': ['102', null], 'SD-04': ['14', '95'], 'SD-05': ['44', '45'], 'SD-06': ['5', '60'], 'SD-07': ['52700', '850'], 'LY-03': ['20', '21'] },
    2026: { 'SD-01': ['49', '49'], 'SD-02': ['7', '7'], 'SD-03': ['96', null], 'SD-04': ['11', '90'], 'SD-05': ['46', '46'], 'SD-06': ['7', '64'], 'SD-07': ['54400', '860'], 'LY-03': ['22', '22'] },
  },
  371311: {
    2025: { 'SD-01': ['31', '31'], 'SD-02': ['3', '3'], 'SD-03': ['47', null], 'SD-04': ['5', '44'], 'SD-05': ['25', '27'], 'SD-06': ['4', '30'], 'SD-07': ['27840', '480'], 'LY-03': ['9', '9'] },
    2026: { 'SD-01': ['28', '28'], 'SD-02': ['4', '4'], 'SD-03': ['52', null], 'SD-04': ['6', '49'], 'SD-05': ['27', '28'], 'SD-06': ['3', '33'], 'SD-07': ['29400', '490'], 'LY-03': ['10', '10'] },
  },
};

/** Which years each county's townships report mediation for. */
export const TOWNSHIP_YEARS: Record<number, number[]> = { 371312: [2024, 2025, 2026], 371302: [2025, 2026], 371311: [2025, 2026] };

/** A township's mediation figures (调解件数, 调解成功件数), varied but steady: 92–100% success, 90–210 cases a year. */
export function townshipMediation(index: number, countyId: number, year: number): { cases: number; settled: number } {
  const seed = index * 37 + (year - 2000) * 11 + (countyId % 100) * 13;
  const full = 90 + (seed % 120);
  // 2024 a little quieter, 2026 not over yet.
  const cases = Math.round(full * (year === 2026 ? 0.85 : year === 2024 ? 0.88 : 1));
  const settled = cases - ((index * 7 + year) % 5) - (index === 3 ? 8 : 0);
  return { cases, settled };
}

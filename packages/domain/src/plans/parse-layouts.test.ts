import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { PLAN_MESSAGES } from './enums.js';
import { assertImportable, parsePlanText } from './parse.js';

/** Documents write full-width punctuation: （）：，；．. Tests type ASCII and convert. */
const fw = (s: string) => s.replace(/[():,;.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('a plan with a "责任单位:" line under each task', () => {
  const text = fw(`县2024年法治政府建设工作要点

一、深化行政执法体制改革
1.推进综合行政执法。整合执法队伍,
做实镇街综合执法机构。
牵头单位:县司法局
责任单位:县综合执法局、县市场监管局,各乡镇(街道)
完成时限:2024年6月底前

2.规范涉企行政检查。推行“双随机、一公开”监管。
第二段说明:建立涉企检查计划报备制度。
责任单位:县市场监管局;各有关部门
完成时间:2024年第三季度
二、加强行政复议应诉
3.落实负责人出庭应诉制度。出庭率达到100%。
(责任单位:县司法局、县法院。完成时限:长期坚持)`);
  const plan = parsePlanText(text);

  it('attaches each clause line to the task above it, with full-width punctuation', () => {
    expect(plan.tasks.map((t) => t.number)).toEqual(['1', '2', '3']);
    expect(plan.tasks[0]).toMatchObject({ leadUnit: '县司法局', units: ['县司法局', '县综合执法局', '县市场监管局'], allChildren: true, deadline: '2024-06-30' });
    expect(plan.tasks[1]).toMatchObject({ leadUnit: '县市场监管局', units: ['县市场监管局'], notes: ['各有关部门'], deadline: '2024-09-30', deadlineText: '2024年第三季度' });
    expect(plan.tasks[2]).toMatchObject({ units: ['县司法局', '县法院'], deadline: null, deadlineText: '长期坚持', sectionIndex: 1 });
  });

  it('joins a sentence broken across lines and keeps a second paragraph before the clause', () => {
    expect(plan.tasks[0]!.text).toBe(fw('推进综合行政执法。整合执法队伍,做实镇街综合执法机构。'));
    expect(plan.tasks[1]!.text).toBe(fw('规范涉企行政检查。推行“双随机、一公开”监管。\n第二段说明:建立涉企检查计划报备制度。'));
  });

  it('takes the years the title names as the plan’s period', () => {
    expect(parsePlanText('某区法治政府建设实施方案(2023-2025年)\n1.任务。').periodStart).toBe('2023-01-01');
    expect(parsePlanText('某区法治政府建设实施方案(2023-2025年)\n1.任务。').periodEnd).toBe('2025-12-31');
    expect(parsePlanText(text).periodEnd).toBe('2024-12-31');
  });

  it('stores text as written, full-width punctuation included', () => {
    expect(plan.tasks[0]!.text).toContain('\uFF0C');
    expect(plan.sections[1]!.title).toBe('加强行政复议应诉');
    expect(plan.title).toBe('县2024年法治政府建设工作要点');
    expect(plan.warnings).toEqual([]);
  });
});

describe('a plan whose tasks are numbered (一) under 一、', () => {
  const plan = parsePlanText(
    fw(`一、完善依法行政制度体系
(一)加强规范性文件监督管理。具体要求如下:
1.严格合法性审核;
2.落实备案审查。(牵头单位:区司法局;配合单位:区政府办公室,各镇(街道))
(二)推进政务公开。(区政府办牵头,区大数据局配合)
二、强化监督
(四)加强行政执法监督。(责任单位:区司法局)`),
  );

  it('takes the numbering that carries units clauses as the tasks, and 1. 2. as their points', () => {
    expect(plan.tasks.map((t) => t.label)).toEqual(['(一)', '(二)', '(四)']);
    expect(plan.tasks[0]!.text).toBe(fw('加强规范性文件监督管理。具体要求如下:\n1.严格合法性审核;\n2.落实备案审查。'));
    expect(plan.tasks[0]).toMatchObject({ leadUnit: '区司法局', units: ['区司法局', '区政府办公室'], allChildren: true });
  });

  it('reads "X牵头, Y配合" without labels', () => {
    expect(plan.tasks[1]).toMatchObject({ leadUnit: '区政府办', units: ['区政府办', '区大数据局'], allChildren: false });
  });

  it('warns about a gap in the numbering', () => {
    expect(plan.tasks.map((t) => t.number)).toEqual(['1', '2', '4']);
    expect(plan.warnings).toEqual([{ line: 7, message: '第 7 行:任务 2 之后是 4,请检查是否漏项或重号' }]);
  });
});

describe('a task table (任务分工表) pasted from Word or Excel', () => {
  const rows = [
    '市2025年法治政府建设重点任务分工',
    '序号\t类别\t重点任务\t牵头单位\t责任单位\t完成时限',
    '1\t依法行政制度\t加强行政规范性文件管理。推行合法性审核全覆盖。\t市司法局\t市政府办公室,各县区\t2025年12月底前',
    '2\t\t开展规范性文件清理。\t市司法局\t各有关部门\t2025年6月30日前',
    '二、行政执法\t\t\t\t\t',
    '3\t\t推行行政执法三项制度。\t市司法局\t市公安局、各县(市、区)\t',
  ];
  const plan = parsePlanText(rows.join('\n'));

  it('reads a task per row and sections from the category column and from spanning rows', () => {
    expect(plan.layout).toBe('table');
    expect(plan.sections.map((s) => s.title)).toEqual(['依法行政制度', '行政执法']);
    expect(plan.tasks.map((t) => [t.number, t.sectionIndex])).toEqual([
      ['1', 0],
      ['2', 0],
      ['3', 1],
    ]);
  });

  it('reads lead, units, children, notes and deadlines from their columns', () => {
    expect(plan.tasks[0]).toMatchObject({ title: '加强行政规范性文件管理', leadUnit: '市司法局', units: ['市司法局', '市政府办公室'], allChildren: true, deadline: '2025-12-31' });
    expect(plan.tasks[1]).toMatchObject({ units: ['市司法局'], notes: ['各有关部门'], deadline: '2025-06-30' });
    expect(plan.tasks[2]).toMatchObject({ units: ['市司法局', '市公安局'], allChildren: true, deadline: null });
  });
});

describe('what an import refuses', () => {
  const refusal = (text: string) => {
    try {
      assertImportable(text);
      return null;
    } catch (e) {
      return e instanceof AppError ? [e.code, e.message] : e;
    }
  };

  it('refuses empty text', () => {
    expect(refusal('  \n\u3000\n')).toEqual(['BAD_REQUEST', PLAN_MESSAGES.emptyText]);
  });

  it('refuses text without numbered tasks', () => {
    expect(refusal('关于做好法治政府建设工作的通知\n各单位要高度重视,认真落实。')).toEqual(['BAD_REQUEST', PLAN_MESSAGES.noTasks]);
  });

  it('refuses text beyond the length limit', () => {
    expect(refusal(`1.任务。${'很长的文字'.repeat(50_000)}`)).toEqual(['BAD_REQUEST', PLAN_MESSAGES.textTooLong]);
  });

  it('accepts a single numbered task with full-width digits', () => {
    expect(assertImportable('\uFF11\uFF0E建立法律顾问制度。(责任单位:镇党政办)').tasks[0]).toMatchObject({ number: '1', units: ['镇党政办'] });
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlanText } from './parse.js';

const sharedSeed = (name: string) => fileURLToPath(new URL(`../../../../../shared/seeds/${name}`, import.meta.url));
const seedCopy = (name: string) => fileURLToPath(new URL(`../../../../fixtures/seeds/${name}`, import.meta.url));
/** The seed documents beside the repository (../shared/seeds, as CI has it), else the copies in fixtures/seeds. */
const seed = (name: string) => readFileSync(existsSync(sharedSeed(name)) ? sharedSeed(name) : seedCopy(name), 'utf8');

describe('the copies of the seeds in fixtures/seeds', () => {
  const names = ['hedong-2022-implementation-plan.txt', 'longfeng-2017-work-points.txt', 'kaiyuan-2023-annual-report.txt'];
  it.each(names)('%s is in the repository', (name) => {
    expect(readFileSync(seedCopy(name), 'utf8').length).toBeGreaterThan(4_000);
  });
  // A clone without ../shared reads the copies; where ../shared is present they must not have drifted.
  it.runIf(existsSync(sharedSeed(names[0] ?? '')))('are identical to ../shared/seeds', () => {
    for (const name of names) expect(readFileSync(seedCopy(name), 'utf8')).toBe(readFileSync(sharedSeed(name), 'utf8'));
  });
});

describe('the Hedong 2022 implementation plan (seed)', () => {
  const plan = parsePlanText(seed('hedong-2022-implementation-plan.txt'));
  const task = (n: string) => plan.tasks.find((t) => t.number === n)!;

  it('finds 29 tasks numbered 1 to 29 in 9 sections', () => {
    expect(plan.layout).toBe('numbered');
    expect(plan.tasks.map((t) => t.number)).toEqual(Array.from({ length: 29 }, (_, i) => String(i + 1)));
    expect(plan.sections.map((s) => s.label)).toEqual(['一、', '二、', '三、', '四、', '五、', '六、', '七、', '八、', '九、']);
  });

  it('reads the section titles and places each task in its section', () => {
    expect(plan.sections[0]!.title).toBe('健全政府机构职能体系,全面提升政府依法履职能力');
    expect(plan.sections[3]!.title).toBe('健全完善行政执法工作机制,全面提升政府综合执法能力');
    expect(plan.sections[8]!.title).toBe('加强党的领导,为法治政府建设提供根本保证');
    const perSection = plan.sections.map((_, i) => plan.tasks.filter((t) => t.sectionIndex === i).length);
    expect(perSection).toEqual([3, 1, 2, 4, 3, 4, 5, 3, 4]);
  });

  it('takes the title and the kind from the document, but not the years of the 纲要 it quotes', () => {
    expect(plan.title).toBe('河东区贯彻落实《法治政府建设实施纲要(2021-2025年)》实施方案(征求意见稿)');
    expect(plan.kind).toBe('implementation_plan');
    expect([plan.periodStart, plan.periodEnd]).toEqual([null, null]);
  });

  it('reads the units of task 1, the first named leading, and hands it to every township', () => {
    expect(task('1')).toMatchObject({ title: '推进政府机构职能优化协同高效', leadUnit: '区委编办', units: ['区委编办', '区司法局', '区发改局', '区商务局'], allChildren: true, notes: [] });
    expect(task('1').text).toMatch(/^推进政府机构职能优化协同高效。完善经济调节/);
    expect(task('1').text).not.toContain('责任单位');
  });

  it('keeps "区政府各部门" and "区各行政执法部门" as notes rather than units', () => {
    expect(task('6')).toMatchObject({ leadUnit: null, units: [], allChildren: true, notes: ['区政府各部门'] });
    expect(task('9')).toMatchObject({ leadUnit: '区司法局', units: ['区司法局'], allChildren: true, notes: ['区各行政执法部门'] });
  });

  it('reads long unit lists exactly, including a task without townships', () => {
    expect(task('18').units).toEqual(['区纪委监委机关', '区人大常委会办公室', '区政府办公室', '区政协办公室', '区法院', '区检察院', '区司法局', '区财政局', '区审计局', '区统计局']);
    expect(task('18').allChildren).toBe(false);
    expect(task('24').units).toEqual(['区大数据局', '区行政审批局', '区市场监管局', '区发改局', '河东公安分局', '区住建局', '河东交通运输分局']);
    expect(task('29')).toMatchObject({ leadUnit: '区委宣传部', units: ['区委宣传部', '区教体局', '区法学会', '区社科联', '区委依法治区办'], allChildren: true });
  });

  it('warns only about the web page residue after the last task', () => {
    expect(plan.warnings.map((w) => w.line)).toEqual([85, 86]);
    expect(plan.warnings[0]!.message).toContain('【下载Word】');
  });
});

describe('the Longfeng 2017 work points (seed)', () => {
  const plan = parsePlanText(seed('longfeng-2017-work-points.txt'));

  it('finds 45 tasks numbered 1 to 45', () => {
    expect(plan.tasks.map((t) => t.number)).toEqual(Array.from({ length: 45 }, (_, i) => String(i + 1)));
  });

  it('nests the seven chapters under 工作要点 and drops the section without tasks', () => {
    expect(plan.sections.map((s) => `${s.label}${s.title}`)).toEqual([
      '二、工作要点',
      '(一)依法全面履行政府职能',
      '(二)完善依法行政制度体系',
      '(三)推进行政决策科学化、民主化、法治化',
      '(四)坚持严格规范公正文明执法',
      '(五)强化对行政权力的制约和监督',
      '(六)依法有效化解社会矛盾纠纷',
      '(七)全面提高政府工作人员法治思维和依法行政能力',
      '三、组织保障和落实机制',
    ]);
    expect(plan.sections.map((s) => s.parentIndex)).toEqual([null, 0, 0, 0, 0, 0, 0, 0, null]);
  });

  it('places tasks in the innermost section', () => {
    const numbersIn = (i: number) => plan.tasks.filter((t) => t.sectionIndex === i).map((t) => Number(t.number));
    expect(numbersIn(1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(numbersIn(7)).toEqual([36, 37, 38, 39]);
    expect(numbersIn(8)).toEqual([40, 41, 42, 43, 44, 45]);
    expect(plan.tasks.find((t) => t.number === '25')!.title).toBe('自觉接受党内监督、人大监督、民主监督、司法监督');
  });

  it('finds the plan, not the notice that sends it, and its year', () => {
    expect(plan.title).toBe('龙凤区2017年法治政府建设工作要点');
    expect(plan.kind).toBe('work_points');
    expect([plan.periodStart, plan.periodEnd]).toEqual(['2017-01-01', '2017-12-31']);
  });

  it('says once that no task names its units, and leaves the closing paragraph out of task 45', () => {
    const task45 = plan.tasks.at(-1)!;
    expect(task45.units).toEqual([]);
    expect(task45.text.endsWith('公开曝光。')).toBe(true);
    expect(plan.warnings.filter((w) => w.message.includes('未写明责任单位'))).toHaveLength(1);
    expect(plan.warnings.some((w) => w.message.includes('本工作要点印发后'))).toBe(true);
  });
});

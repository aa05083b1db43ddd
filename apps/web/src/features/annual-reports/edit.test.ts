import { describe, expect, it } from 'vitest';
import { changedFields, textOf } from './edit';

const stored = {
  title: '河东区人民政府关于2025年法治政府建设情况的报告',
  issuingBody: '河东区人民政府',
  intro: '2025年,河东区委、区政府……',
  sections: { measures: '(一)坚持党的领导。\n正文。', firstResponsible: '主要负责人……', problems: '', nextYear: '' },
  figures: '行政复议案件66件。',
};

describe('textOf', () => {
  it('flattens the sections into the editor fields', () => {
    expect(textOf(stored)).toMatchObject({ measures: '(一)坚持党的领导。\n正文。', problems: '', figures: '行政复议案件66件。' });
  });
});

describe('changedFields', () => {
  it('is empty for the stored text, including what the server would normalise away', () => {
    expect(changedFields(stored, textOf(stored))).toEqual({});
    expect(changedFields(stored, { title: `  ${stored.title} `, measures: '(一)坚持党的领导。\r\n正文。\n\n' })).toEqual({});
  });

  it('lists only the edited fields, as typed', () => {
    expect(changedFields(stored, { ...textOf(stored), problems: '一是……\n二是……', nextYear: '2026年……' })).toEqual({ problems: '一是……\n二是……', nextYear: '2026年……' });
  });

  it('ignores fields the form did not send', () => {
    expect(changedFields(stored, { intro: '新的开头' })).toEqual({ intro: '新的开头' });
  });
});

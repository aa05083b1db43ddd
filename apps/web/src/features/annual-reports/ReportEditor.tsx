import { Button, Form, Input, Popconfirm } from 'antd';
import type { FormInstance } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { annualReportUpdateInput } from '@fz/domain';
import type { AnnualReportSection } from '@fz/domain';
import { useT } from '../../i18n';
import { zodRule } from '../../shared/zodRule';
import type { ReportText } from './edit';
import { textOf } from './edit';
import type { ReportDetail } from './useReportChange';

const shape = annualReportUpdateInput.shape;
const SECTION_ROWS = { minRows: 6, maxRows: 28 };

interface Props {
  form: FormInstance<ReportText>;
  report: ReportDetail;
  readOnly: boolean;
  refreshing: boolean;
  onRefresh: () => void;
  onEdit: () => void;
}

/** The report's text: title, issuing body, opening, the four numbered sections and the figures block (under 一). */
export function ReportEditor({ form, report, readOnly, refreshing, onRefresh, onEdit }: Props) {
  const t = useT();
  const section = (key: AnnualReportSection, label: string) => (
    <Form.Item key={key} label={label} name={key} rules={[zodRule(shape[key])]} extra={readOnly ? undefined : t('ar.sectionHint')}>
      <Input.TextArea autoSize={SECTION_ROWS} readOnly={readOnly} />
    </Form.Item>
  );
  return (
    <Form<ReportText> form={form} layout="vertical" initialValues={textOf(report)} onValuesChange={onEdit} className="fz-report-form">
      <Form.Item label={t('ar.title')} name="title" rules={[zodRule(shape.title)]}>
        <Input readOnly={readOnly} maxLength={100} />
      </Form.Item>
      <Form.Item label={t('ar.issuingBody')} name="issuingBody" rules={[zodRule(shape.issuingBody)]}>
        <Input readOnly={readOnly} maxLength={60} />
      </Form.Item>
      <Form.Item label={t('ar.intro')} name="intro" rules={[zodRule(shape.intro)]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} readOnly={readOnly} />
      </Form.Item>
      {report.headings.map((h) =>
        h.key === 'measures' ? (
          <div key={h.key}>
            {section(h.key, `${h.number}${h.title}`)}
            <Form.Item
              label={
                <span>
                  {t('ar.figures')}
                  {report.figuresGeneratedAt ? <span className="fz-small fz-muted">{`(${t('ar.generatedAt', { at: dayjs(report.figuresGeneratedAt).format('YYYY-MM-DD HH:mm') })})`}</span> : null}
                </span>
              }
              name="figures"
              rules={[zodRule(shape.figures)]}
              extra={readOnly ? undefined : t('ar.figuresHint')}
            >
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 20 }} readOnly={readOnly} className="fz-figures-text" />
            </Form.Item>
            {report.allowed.refreshFigures ? (
              <div className="fz-toolbar fz-toolbar-end fz-report-refresh">
                <Popconfirm title={t('ar.refresh')} description={<div className="fz-confirm-text">{t('ar.refreshConfirm')}</div>} okText={t('ar.refresh')} cancelText={t('common.cancel')} onConfirm={onRefresh}>
                  <Button size="small" icon={<SyncOutlined />} loading={refreshing}>
                    {t('ar.refresh')}
                  </Button>
                </Popconfirm>
              </div>
            ) : null}
          </div>
        ) : (
          section(h.key, `${h.number}${h.title}`)
        ),
      )}
    </Form>
  );
}

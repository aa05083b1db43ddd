import { Tag } from 'antd';
import { ANNUAL_REPORT_STATUS_LABELS } from '@fz/domain';
import type { AnnualReportStatus } from '@fz/domain';
import { useLang } from '../../i18n';
import { enumLabel } from '../../i18n/labels';

const COLORS: Record<AnnualReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'magenta',
  accepted: 'cyan',
  published: 'success',
};

export function ReportStatusTag({ status }: { status: AnnualReportStatus }) {
  const { lang } = useLang();
  return (
    <Tag color={COLORS[status]} data-testid="report-status">
      {enumLabel(ANNUAL_REPORT_STATUS_LABELS, status, lang)}
    </Tag>
  );
}

import { Tag } from 'antd';
import { APPLICATION_STATUS_LABELS } from '@fz/domain';
import type { ApplicationStatus } from '@fz/domain';
import { useLang } from '../../i18n';
import { enumLabel } from '../../i18n/labels';

const COLORS: Record<ApplicationStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  submitted: 'cyan',
  first_review: 'purple',
  evaluation: 'geekblue',
  named: 'success',
  not_passed: 'error',
  returned: 'magenta',
};

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { lang } = useLang();
  return <Tag color={COLORS[status]}>{enumLabel(APPLICATION_STATUS_LABELS, status, lang)}</Tag>;
}

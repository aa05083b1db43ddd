import type { ReactNode } from 'react';
import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { OnboardingRowError } from '@fz/domain';
import { useT } from '../../i18n';

/** Every stored problem of a failed import, ten to a page, in the file's order (sheet, row, column). */
export function ImportErrors({ errors, extra }: { errors: OnboardingRowError[]; extra?: ReactNode }) {
  const t = useT();
  const columns: TableColumnsType<OnboardingRowError> = [
    { title: t('onboarding.errors.sheet'), dataIndex: 'sheet', width: 90 },
    { title: t('onboarding.errors.row'), dataIndex: 'row', width: 80, align: 'right' },
    { title: t('onboarding.errors.column'), dataIndex: 'column', width: 160 },
    { title: t('onboarding.errors.message'), dataIndex: 'message' },
  ];
  return (
    <Table<OnboardingRowError>
      size="small"
      data-testid="onboarding-errors"
      rowKey={(e) => `${e.sheet}-${e.row}-${e.column}`}
      columns={columns}
      dataSource={errors}
      pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
      footer={extra ? () => extra : undefined}
    />
  );
}

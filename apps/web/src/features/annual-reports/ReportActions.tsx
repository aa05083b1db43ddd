import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Popconfirm, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { ANNUAL_REPORT_EVENT_LABELS } from '@fz/domain';
import type { AnnualReportEvent } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import type { ReportDetail } from './useReportChange';
import { useReportChange } from './useReportChange';

/** Events the author fires on the text as shown: unsaved edits are saved first. */
const AUTHOR_EVENTS: readonly AnnualReportEvent[] = ['submit', 'publish'];
/** Events that ask for something first (a reason, an issue date). */
const DIALOG_EVENTS: readonly AnnualReportEvent[] = ['return', 'publish'];

interface DialogValues {
  reason?: string;
  issueDate?: Dayjs;
}

/**
 * Exactly the buttons the server allows now (报送上级 / 退回修改 / 审核通过 / 公开发布). `save`
 * stores unsaved edits and answers the version to act on (null when saving failed).
 */
export function ReportActions({ report, save }: { report: ReportDetail; save: () => Promise<number | null> }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const run = useReportChange(report.id);
  const transition = useMutation(trpc.annualReports.transition.mutationOptions());
  const [asking, setAsking] = useState<AnnualReportEvent | null>(null);
  const [form] = Form.useForm<DialogValues>();
  const label = (e: AnnualReportEvent) => enumLabel(ANNUAL_REPORT_EVENT_LABELS, e, lang);

  const fire = async (event: AnnualReportEvent, v: DialogValues = {}): Promise<boolean> => {
    const version = AUTHOR_EVENTS.includes(event) ? await save() : report.version;
    if (version === null) return false;
    const done = await run(
      () => transition.mutateAsync({ id: report.id, version, event, reason: v.reason, issueDate: v.issueDate?.format('YYYY-MM-DD') }),
      t('ar.eventDone', { event: label(event) }),
    );
    return done !== null;
  };

  const confirmText = (e: AnnualReportEvent) => (e === 'submit' ? t('ar.submitConfirm') : e === 'accept' ? t('ar.acceptConfirm') : `${label(e)}?`);

  return (
    <Space wrap>
      {report.allowed.events.map((e) =>
        DIALOG_EVENTS.includes(e) ? (
          <Button key={e} type={e === 'publish' ? 'primary' : 'default'} danger={e === 'return'} onClick={() => setAsking(e)}>
            {label(e)}
          </Button>
        ) : (
          <Popconfirm key={e} title={confirmText(e)} okText={label(e)} cancelText={t('common.cancel')} onConfirm={() => fire(e)}>
            <Button type="primary" loading={transition.isPending && transition.variables?.event === e}>
              {label(e)}
            </Button>
          </Popconfirm>
        ),
      )}
      <Modal
        open={asking !== null}
        title={asking ? label(asking) : ''}
        onCancel={() => setAsking(null)}
        onOk={() => form.submit()}
        okText={asking ? label(asking) : t('common.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={transition.isPending}
        destroyOnHidden
      >
        <Form<DialogValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ issueDate: dayjs() }}
          onFinish={(v) => {
            if (asking) void fire(asking, v).then((ok) => ok && setAsking(null));
          }}
        >
          {asking === 'return' ? (
            <Form.Item label={t('ar.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('ar.reason') }) }]}>
              <Input.TextArea rows={4} maxLength={500} showCount />
            </Form.Item>
          ) : (
            <Form.Item label={t('ar.issueDate')} name="issueDate" rules={[{ required: true, message: t('auth.required', { field: t('ar.issueDate') }) }]}>
              <DatePicker />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}

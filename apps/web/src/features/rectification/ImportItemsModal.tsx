import { useState } from 'react';
import { Alert, App, Button, Modal, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC, CSRF_HEADER } from '../../app/trpc';
import { useT } from '../../i18n';
import { downloadFile } from '../../shared/download';

interface RowError {
  row: number;
  column?: string;
  message: string;
}
type Outcome = { kind: 'failed'; message: string; errors: RowError[] } | null;

function rowErrorsOf(body: unknown): RowError[] {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return [];
  return body.errors.filter((e): e is RowError => typeof e === 'object' && e !== null && typeof (e as RowError).row === 'number' && typeof (e as RowError).message === 'string');
}

function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const inner = 'error' in body && typeof body.error === 'object' && body.error !== null ? body.error : body;
  return 'message' in inner && typeof inner.message === 'string' ? inner.message : undefined;
}

/** 从 Excel 导入: the template, then one .xlsx imported all-or-nothing, with every bad row listed. */
export function ImportItemsModal({ inspectionId, open, onClose }: { inspectionId: number; open: boolean; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const template = async () => {
    try {
      await downloadFile(`/api/inspections/${inspectionId}/items/template.xlsx`, '整改事项导入模板.xlsx', t('common.networkError'));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : t('common.networkError'));
    }
  };

  const upload = async (file: File) => {
    setBusy(true);
    setOutcome(null);
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const res = await fetch(`/api/inspections/${inspectionId}/items/import`, { method: 'POST', body, headers: CSRF_HEADER, credentials: 'same-origin' });
      const json: unknown = await res.json().catch(() => null);
      if (res.ok) {
        const n = typeof json === 'object' && json !== null && 'imported' in json && typeof json.imported === 'number' ? json.imported : 0;
        void message.success(t('insp.imported', { n }));
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.items.list.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.inspections.pathKey() })]);
        onClose();
      } else {
        setOutcome({ kind: 'failed', message: messageOf(json) ?? t('common.networkError'), errors: rowErrorsOf(json) });
      }
    } catch {
      setOutcome({ kind: 'failed', message: t('common.networkError'), errors: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('insp.importTitle')} open={open} onCancel={onClose} footer={null} width={640} destroyOnHidden afterClose={() => setOutcome(null)}>
      <Alert className="fz-mb" type="info" showIcon title={t('insp.importHint')} />
      <Button className="fz-mb" icon={<DownloadOutlined />} onClick={() => void template()}>
        {t('insp.template')}
      </Button>
      <Upload.Dragger
        accept=".xlsx"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? t('insp.importing') : t('insp.importDrop')}</p>
      </Upload.Dragger>
      {outcome ? (
        <Alert
          className="fz-mt"
          type="error"
          showIcon
          title={outcome.errors.length ? t('insp.importErrors', { n: outcome.errors.length }) : outcome.message}
          description={
            outcome.errors.length ? (
              <ul className="fz-import-errors" data-testid="import-errors">
                {outcome.errors.map((e, i) => (
                  <li key={`${e.row}-${i}`}>
                    {t('insp.importRow', { row: e.row })}
                    {e.column ? `(${e.column})` : ''}:{e.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
    </Modal>
  );
}

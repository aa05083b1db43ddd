import { useState } from 'react';
import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { itemSetMeasuresInput } from '@fz/domain';
import { useTRPC } from '../../../app/trpc';
import type { ItemDetail } from '../../../app/trpc';
import { useT } from '../../../i18n';
import { zodRule } from '../../../shared/zodRule';
import { useItemChange } from './useItemMutation';

/** 整改措施: read by everyone, written by the responsible side while the item is being worked on. */
export function MeasuresCard({ item }: { item: ItemDetail }) {
  const t = useT();
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ measures: string }>();
  const m = useMutation(trpc.items.setMeasures.mutationOptions());
  const run = useItemChange(item.id);

  const save = async (v: { measures: string }) => {
    if (await run(() => m.mutateAsync({ id: item.id, version: item.version, measures: v.measures }), t('edit.saved'))) setEditing(false);
  };

  return (
    <Card
      size="small"
      title={t('item.measures')}
      className="fz-mb"
      extra={
        item.allowed.setMeasures && !editing ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('edit.setMeasures')}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <Form form={form} layout="vertical" disabled={m.isPending} initialValues={{ measures: item.measures ?? '' }} onFinish={(v) => void save(v)}>
          <Form.Item name="measures" label={t('item.measures')} rules={[zodRule(itemSetMeasuresInput.shape.measures)]}>
            <Input.TextArea rows={6} maxLength={4000} showCount placeholder={t('edit.measuresPlaceholder')} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={m.isPending}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      ) : item.measures ? (
        <Typography.Paragraph className="fz-prewrap fz-m-0">{item.measures}</Typography.Paragraph>
      ) : (
        <span className="fz-muted">{t('item.measuresEmpty')}</span>
      )}
    </Card>
  );
}

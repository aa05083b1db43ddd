import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';

export interface RevealedPassword {
  title: string;
  username: string;
  displayName: string;
  password: string;
}

/** Shows a temporary password exactly once; closing the dialog forgets it. */
export function PasswordRevealModal({ value, onClose }: { value: RevealedPassword | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();

  const copy = async () => {
    if (!value) return;
    try {
      await navigator.clipboard.writeText(value.password);
      void message.success(t('common.copied'));
    } catch {
      void message.warning(t('common.copyFailed'));
    }
  };

  return (
    <Modal
      title={value?.title}
      open={value !== null}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.ok')}
        </Button>
      }
    >
      {value ? (
        <>
          <Alert className="fz-mb" type="warning" showIcon title={t('users.tempPasswordHint')} />
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'u', label: t('users.username'), children: value.username },
              { key: 'n', label: t('users.displayName'), children: value.displayName },
              {
                key: 'p',
                label: t('users.tempPassword'),
                children: (
                  <span className="fz-secret">
                    <Typography.Text code className="fz-mono" data-testid="temp-password">
                      {value.password}
                    </Typography.Text>
                    <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()}>
                      {t('common.copy')}
                    </Button>
                  </span>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </Modal>
  );
}

import { App, Modal } from 'antd';
import { useT } from '../../i18n';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  return (
    <Modal title={t('auth.changePassword')} open={open} onCancel={onClose} footer={null} destroyOnHidden width={440}>
      <ChangePasswordForm
        onCancel={onClose}
        onDone={() => {
          void message.success(t('auth.passwordChanged'));
          onClose();
        }}
      />
    </Modal>
  );
}

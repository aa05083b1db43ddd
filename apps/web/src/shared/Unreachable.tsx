import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { errorCode } from '../app/errors';
import { useT } from '../i18n';
import type { MessageKey } from '../i18n';
import { useMe } from '../features/auth/session';

/** A route's id segment (or query value) as a positive int4, or null for anything else. */
export function positiveId(raw: string | null | undefined): number | null {
  return raw && /^\d{1,10}$/.test(raw) && Number(raw) > 0 && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
}

/** Answers that mean "not yours or not there": shown the same way, so a sibling's record is not disclosed. */
export function isUnreachable(error: unknown): boolean {
  return ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(error) ?? '');
}

/** The page of a record that does not exist or is not the caller's, with a way back to their own node's tab. */
export function Unreachable({ title, tab = '', hint = false }: { title: MessageKey; tab?: string; hint?: boolean }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <Result
      className="fz-node"
      status="403"
      title={t(title)}
      subTitle={hint ? t('node.inaccessibleHint') : undefined}
      extra={
        <Button type="primary" onClick={() => void navigate(`/j/${me.jurisdiction.id}${tab ? `/${tab}` : ''}`)}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

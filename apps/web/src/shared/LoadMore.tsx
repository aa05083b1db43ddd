import { Button } from 'antd';
import { useT } from '../i18n';

/** Footer of a keyset-paged table: how much is loaded and a button for the next page. */
export function LoadMore({ count, hasMore, loading, onMore }: { count: number; hasMore: boolean; loading: boolean; onMore: () => void }) {
  const t = useT();
  return (
    <div className="fz-loadmore">
      <span className="fz-muted">{hasMore ? t('common.loadedCount', { n: count }) : t('common.allLoaded', { n: count })}</span>
      {hasMore ? (
        <Button size="small" onClick={onMore} loading={loading}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}

import { Alert, Table } from 'antd';
import type { TableProps } from 'antd';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../app/errors';
import { useT } from '../i18n';
import { LoadMore } from './LoadMore';

/** One page of a keyset-paginated list, as every list procedure returns it. */
export interface KeysetPage<T> {
  items: T[];
  nextCursor?: string | null;
}

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'footer' | 'locale'> & {
  query: UseInfiniteQueryResult<InfiniteData<KeysetPage<T>>, unknown>;
  emptyText: string;
};

/**
 * A server-paginated table: the loaded pages as rows, an error line above, and "load more" with
 * the count below. Sorting and filtering belong to the query's input, never to the table.
 */
export function KeysetTable<T extends object>({ query, emptyText, size = 'small', rowKey = 'id', ...table }: Props<T>) {
  const t = useT();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {query.error ? <Alert className="fz-mb" type="error" showIcon title={errorMessage(query.error, t('common.networkError'))} /> : null}
      <Table<T>
        {...table}
        size={size}
        rowKey={rowKey}
        dataSource={items}
        loading={query.isPending}
        pagination={false}
        locale={{ emptyText }}
        footer={() => <LoadMore count={items.length} hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onMore={() => void query.fetchNextPage()} />}
      />
    </>
  );
}

import { useState } from 'react';
import { Alert, Button, Empty, Input, Spin } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import type { JurisdictionHit } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { LevelTag } from '../../shared/LevelTag';
import { useDebounced } from '../../shared/useDebounced';

/** Finds a jurisdiction in the caller's subtree by name fragment or code prefix. */
export function JurisdictionSearch({ onPick }: { onPick: (id: number) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const active = q.length > 0;
  const hits = useQuery(trpc.jurisdictions.search.queryOptions({ q, limit: 20 }, { enabled: active, staleTime: 60_000 }));
  const settled = active && q === text.trim() && !hits.isFetching;

  const pick = (hit: JurisdictionHit) => {
    setText('');
    onPick(hit.id);
  };

  return (
    <div className="fz-search">
      <Input.Search
        aria-label={t('shell.searchPlaceholder')}
        placeholder={t('shell.searchPlaceholder')}
        allowClear
        value={text}
        maxLength={50}
        onChange={(e) => setText(e.target.value)}
        onSearch={() => {
          const first = hits.data?.[0];
          if (settled && first) pick(first);
        }}
        loading={active && hits.isFetching}
      />
      {active ? (
        <section className="fz-search-results" aria-label={t('shell.searchResults')}>
          <div className="fz-search-head">
            <span>{t('shell.searchResults')}</span>
            <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('shell.searchClose')} onClick={() => setText('')} />
          </div>
          {hits.error ? (
            <Alert type="error" showIcon title={errorMessage(hits.error, t('common.networkError'))} />
          ) : !settled || !hits.data ? (
            <div className="fz-search-wait">
              <Spin size="small" />
            </div>
          ) : hits.data.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shell.searchEmpty')} />
          ) : (
            <ul className="fz-search-list">
              {hits.data.map((hit) => (
                <li key={hit.id}>
                  <button type="button" className="fz-search-hit" onClick={() => pick(hit)}>
                    <span className="fz-search-hit-main">
                      <span className="fz-search-hit-name">{hit.name}</span>
                      <LevelTag level={hit.level} small />
                    </span>
                    <span className="fz-search-hit-sub">
                      {hit.pathNames} · {hit.code}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

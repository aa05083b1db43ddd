import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import { useT } from '../../i18n';
import { useDebounced } from '../../shared/useDebounced';

interface Props {
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** Never offered (the caller's own jurisdiction: inspections go to levels below). */
  excludeId: number;
  id?: string;
  placeholder?: string;
}

/** Picks jurisdictions in the caller's subtree by name or code, searched on the server. */
export function JurisdictionPicker({ value, onChange, excludeId, id, placeholder }: Props) {
  const t = useT();
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const hits = useQuery(trpc.jurisdictions.search.queryOptions({ q, limit: 20 }, { enabled: q.length > 0, staleTime: 60_000 }));
  // Keep the names of picked ones visible after the search text changes.
  const [picked, setPicked] = useState<Map<number, string>>(new Map());
  const options = [
    ...[...picked].filter(([pid]) => value?.includes(pid)).map(([pid, label]) => ({ value: pid, label })),
    ...(hits.data ?? []).filter((h) => h.id !== excludeId && !value?.includes(h.id)).map((h) => ({ value: h.id, label: `${h.pathNames}(${h.code})` })),
  ];
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={placeholder}
      value={value}
      loading={hits.isFetching}
      notFoundContent={q ? (hits.isFetching ? t('common.loading') : t('shell.searchEmpty')) : null}
      options={options}
      onChange={(ids, opts) => {
        const next = new Map(picked);
        for (const o of [opts].flat()) if (o && typeof o.value === 'number' && typeof o.label === 'string') next.set(o.value, o.label);
        setPicked(next);
        setText('');
        onChange?.(ids);
      }}
    />
  );
}

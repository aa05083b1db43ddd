import { useSearchParams } from 'react-router';
import { useNode } from '../shell/nodeContext';
import { LedgerFilterBar } from './LedgerFilterBar';
import { LedgerTable } from './LedgerTable';
import { ExportButton } from './ExportButton';
import { ledgerQueryInput, ledgerSearchParams, parseLedgerFilters } from './ledgerFilters';

/** /j/:id/items — the 整改台账 of a jurisdiction and everything below it. */
export function LedgerPanel() {
  const node = useNode();
  const [params, setParams] = useSearchParams();
  const filters = parseLedgerFilters(params);
  const input = ledgerQueryInput(filters, node.id);
  return (
    <div className="fz-panel">
      <LedgerFilterBar node={node} filters={filters} onChange={(f) => setParams(ledgerSearchParams(f), { replace: true })} />
      <div className="fz-toolbar fz-toolbar-end">
        <ExportButton input={input} />
      </div>
      <LedgerTable input={input} nodeId={node.id} />
    </div>
  );
}

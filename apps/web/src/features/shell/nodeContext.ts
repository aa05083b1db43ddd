import { useOutletContext } from 'react-router';
import type { JurisdictionDetail } from '../../app/trpc';

export interface NodeOutletContext {
  node: JurisdictionDetail;
}

/** The jurisdiction the tabs below /j/:id are about. */
export function useNode(): JurisdictionDetail {
  return useOutletContext<NodeOutletContext>().node;
}

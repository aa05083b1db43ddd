import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter, RouterInputs, RouterOutputs } from '@fz/api';

export type { RouterInputs, RouterOutputs };
export type Me = RouterOutputs['auth']['me'];
export type JurisdictionChild = RouterOutputs['jurisdictions']['children'][number];
export type JurisdictionDetail = RouterOutputs['jurisdictions']['get'];
export type JurisdictionHit = RouterOutputs['jurisdictions']['search'][number];
export type UnitItem = RouterOutputs['units']['list']['items'][number];
export type UserItem = RouterOutputs['users']['list']['items'][number];
export type AuditItem = RouterOutputs['audit']['list']['items'][number];
export type LedgerItem = RouterOutputs['items']['list']['items'][number];
export type ItemDetail = RouterOutputs['items']['get'];
export type InspectionItem = RouterOutputs['inspections']['list']['items'][number];
export type InspectionDetail = RouterOutputs['inspections']['get'];
export type NoticeItem = RouterOutputs['notices']['inbox']['items'][number];
export type PlanListItem = RouterOutputs['plans']['list']['items'][number];
export type PlanDetail = RouterOutputs['plans']['get'];
export type PlanPreview = RouterOutputs['plans']['importPreview'];
export type PlanGrid = RouterOutputs['plans']['grid'];
export type AssignmentItem = RouterOutputs['assignments']['mine']['items'][number];
export type CampaignItem = RouterOutputs['demonstration']['campaigns']['list'][number];
export type CampaignBoard = RouterOutputs['demonstration']['campaigns']['board'];
export type ApplicationDetail = RouterOutputs['demonstration']['applications']['get'];

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The server rejects mutations without this header (CSRF guard); a cross-site form cannot set it. */
export const CSRF_HEADER = { 'x-fz-csrf': '1' } as const;

export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        maxURLLength: 2000,
        // The API caps a batch at 20 calls.
        maxItems: 10,
        headers: () => CSRF_HEADER,
        fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }),
      }),
    ],
  });
}

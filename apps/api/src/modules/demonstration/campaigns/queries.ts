import { subjectOf } from '@fz/domain';
import type { AppAbility, ParticipantLevel, ScopedRecord } from '@fz/domain';
import type { Tx } from '@fz/db';
import { forbidden, notFound } from '../../../trpc/init.js';
import { allowedWhere } from '../../../sql/ability-where.js';
import { iso, placeOf, points } from '../common.js';

export const campaignColumns = [
  'c.id',
  'c.jurisdiction_id',
  'c.province_id',
  'c.city_id',
  'c.county_id',
  'c.township_id',
  'c.owner_name',
  'c.name',
  'c.year',
  'c.version_id',
  'c.participant_level',
  'c.submit_deadline',
  'c.review_deadline',
  'c.target_numerator',
  'c.target_denominator',
  'c.pass_line',
  'c.veto_fails',
  'c.description',
  'c.version',
  'c.created_at',
  'c.updated_at',
] as const;

type Unqualified<T extends string> = T extends `c.${infer C}` ? C : never;
export const campaignReturning = campaignColumns.map((c) => c.slice(2) as Unqualified<typeof c>);

export interface CampaignRow {
  id: number;
  jurisdiction_id: number;
  province_id: number;
  city_id: number | null;
  county_id: number | null;
  township_id: number | null;
  owner_name: string;
  name: string;
  year: number;
  version_id: number;
  participant_level: ParticipantLevel;
  submit_deadline: string;
  review_deadline: string;
  target_numerator: number;
  target_denominator: number;
  pass_line: number;
  veto_fails: boolean;
  description: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The campaign as its owner's record. */
export function campaignRecord(c: CampaignRow): ScopedRecord & { jurisdictionId: number } {
  return { id: c.id, ...placeOf(c) };
}

/**
 * A campaign the caller may read: as (or above) its owner, or through a participant in the
 * caller's subtree, as an Inspection is read through its target. NOT_FOUND when RLS hides it.
 */
export async function visibleCampaign(tx: Tx, ability: AppAbility, id: number): Promise<CampaignRow> {
  const row = await tx.selectFrom('campaigns as c').select(campaignColumns).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  if (!(await readsCampaign(tx, ability, row))) throw forbidden();
  return row;
}

/** Whether the ability reads the campaign: its owner's record, or one participant's. */
export async function readsCampaign(tx: Tx, ability: AppAbility, c: CampaignRow): Promise<boolean> {
  if (ability.can('read', subjectOf('Campaign', campaignRecord(c)))) return true;
  const through = await tx.selectFrom('applications as a').select('a.id').where('a.campaign_id', '=', c.id).where(allowedWhere(ability, 'read', 'Campaign', 'a')).limit(1).executeTakeFirst();
  return through !== undefined;
}

export function campaignDto(c: CampaignRow) {
  return {
    id: c.id,
    name: c.name,
    year: c.year,
    ownerJurisdictionId: c.jurisdiction_id,
    ownerName: c.owner_name,
    versionId: c.version_id,
    participantLevel: c.participant_level,
    submitDeadline: c.submit_deadline,
    reviewDeadline: c.review_deadline,
    target: { numerator: c.target_numerator, denominator: c.target_denominator },
    passLine: points(c.pass_line)!,
    vetoFails: c.veto_fails,
    description: c.description,
    version: c.version,
    createdAt: iso(c.created_at)!,
    updatedAt: iso(c.updated_at)!,
  };
}

/** The fields an audit row keeps of a campaign. */
export function campaignSnapshot(c: CampaignRow) {
  return {
    name: c.name,
    year: c.year,
    versionId: c.version_id,
    submitDeadline: c.submit_deadline,
    reviewDeadline: c.review_deadline,
    target: `${c.target_numerator}/${c.target_denominator}`,
    passLine: c.pass_line,
    vetoFails: c.veto_fails,
    version: c.version,
  };
}

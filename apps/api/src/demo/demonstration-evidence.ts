import { createHash } from 'node:crypto';
import type { Db } from '@fz/db';
import { contentKey } from '../storage/storage.js';
import type { Storage } from '../storage/storage.js';
import { evidencePdf } from './evidence-pdf.js';

/** Indicators of the demo's township standard that carry a file in the demo (述法, 合法性审核, 应急演练). */
const WITH_FILES = ['1.1', '2.3', '3.5'];

/**
 * Gives the demo's self-assessments of a few key indicators the evidence file (佐证材料) a real
 * application carries: one PDF each, stored before its row, filed when the indicator was assessed
 * by whoever assessed it. Only campaigns created by demo accounts, only assessments without a
 * file yet, so a second start adds nothing. Returns how many were added.
 */
export async function seedDemonstrationEvidence(db: Db, storage: Storage): Promise<number> {
  const rows = await db
    .selectFrom('assessments as x')
    .innerJoin('applications as a', 'a.id', 'x.application_id')
    .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
    .innerJoin('users as u', 'u.id', 'c.created_by')
    .innerJoin('indicator_nodes as n', 'n.id', 'x.indicator_id')
    .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
    .select(['x.id', 'x.application_id', 'x.explanation', 'x.assessed_at', 'x.assessed_by_name', 'n.code', 'n.name', 'n.guidance', 'j.name as place', 'a.jurisdiction_id', 'a.province_id', 'a.city_id', 'a.county_id', 'a.township_id'])
    .where('u.is_demo', '=', true)
    .where('x.self_score', 'is not', null)
    .where('n.code', 'in', WITH_FILES)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('application_files as f').select('f.id').whereRef('f.assessment_id', '=', 'x.id'))))
    .orderBy('x.id')
    .execute();
  let added = 0;
  for (const r of rows) {
    const pdf = evidencePdf(`${r.place} ${r.code} 佐证材料`, [`指标:${r.name}`, `评分标准:${r.guidance ?? ''}`, `自评说明:${r.explanation ?? ''}`, '附:相关制度文件、工作台账及活动照片(复印件)。']);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const key = contentKey(sha256);
    await storage.put(key, pdf);
    const inserted = await db
      .insertInto('application_files')
      .values({
        application_id: r.application_id,
        assessment_id: r.id,
        jurisdiction_id: r.jurisdiction_id,
        province_id: r.province_id,
        city_id: r.city_id,
        county_id: r.county_id,
        township_id: r.township_id,
        sha256,
        size_bytes: pdf.length,
        mime: 'application/pdf',
        original_name: `${r.code}佐证材料.pdf`,
        storage_key: key,
        uploaded_by_name: r.assessed_by_name,
        ...(r.assessed_at && { created_at: r.assessed_at }),
      })
      .onConflict((oc) => oc.columns(['assessment_id', 'sha256']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) added++;
  }
  return added;
}

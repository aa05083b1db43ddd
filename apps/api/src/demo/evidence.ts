import { createHash } from 'node:crypto';
import type { Db } from '@fz/db';
import { contentKey } from '../storage/storage.js';
import type { Storage } from '../storage/storage.js';
import { evidencePdf } from './evidence-pdf.js';

const HOUR_MS = 3_600_000;

/**
 * Gives the demo's findings that went through 申请销号 (under review, closed, returned) the
 * evidence file a real closure request needs: one PDF per item, stored before its row, filed an
 * hour before the request by whoever requested it. Only items issued by demo accounts, and only
 * those without any evidence yet, so a second start adds nothing. Returns how many were added.
 */
export async function seedDemoEvidence(db: Db, storage: Storage): Promise<number> {
  const rows = await db
    .selectFrom('rectification_items as i')
    .innerJoin('users as u', 'u.id', 'i.created_by')
    .innerJoin('item_events as e', (j) => j.onRef('e.item_id', '=', 'i.id').on('e.event', '=', 'requestClosure'))
    .leftJoin('units as un', 'un.id', 'i.unit_id')
    .select(['i.id', 'i.number', 'i.problem', 'i.measures', 'i.jurisdiction_id', 'i.province_id', 'i.city_id', 'i.county_id', 'i.township_id', 'un.name as unit_name', 'e.at', 'e.actor_user_id', 'e.actor_name', 'e.actor_unit_name'])
    .where('u.is_demo', '=', true)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('attachments as a').select('a.id').whereRef('a.item_id', '=', 'i.id'))))
    .orderBy('i.id')
    .execute();
  const seen = new Set<number>();
  let added = 0;
  for (const r of rows) {
    // An item returned and resubmitted has several requests: the first one carries the file.
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const pdf = evidencePdf(`${r.number} 整改佐证材料`, [
      `责任单位:${r.unit_name ?? ''}`,
      `反馈问题:${r.problem}`,
      `整改措施:${r.measures ?? ''}`,
      '附:相关制度文件、台账及会议记录(复印件)。',
    ]);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const key = contentKey(sha256);
    await storage.put(key, pdf);
    const at = new Date(new Date(r.at).getTime() - HOUR_MS);
    const name = `${r.number}整改佐证材料.pdf`;
    await db.transaction().execute(async (tx) => {
      const place = { jurisdiction_id: r.jurisdiction_id, province_id: r.province_id, city_id: r.city_id, county_id: r.county_id, township_id: r.township_id };
      const att = await tx
        .insertInto('attachments')
        .values({ item_id: r.id, ...place, sha256, size_bytes: pdf.length, mime: 'application/pdf', original_name: name, storage_key: key, uploaded_by: r.actor_user_id, uploaded_by_name: r.actor_name, created_at: at })
        .onConflict((oc) => oc.columns(['item_id', 'sha256']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!att) return;
      await tx
        .insertInto('item_events')
        .values({ item_id: r.id, ...place, at, actor_user_id: r.actor_user_id, actor_name: r.actor_name, actor_unit_name: r.actor_unit_name, event: 'attach', payload: JSON.stringify({ attachmentId: att.id, name, size: pdf.length, sha256 }) })
        .execute();
      added++;
    });
  }
  return added;
}

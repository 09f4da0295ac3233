import type { DbOrTx } from '../platform/db/database.ts';

/** Repairs made, newest first (the audit trail of reconciliation), optionally for one order. */
export async function listRemediations(db: DbOrTx, f: { orderNo?: string; limit: number }) {
  let q = db.selectFrom('remediations').selectAll();
  if (f.orderNo) q = q.where('order_no', '=', f.orderNo);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({ id: r.id, orderNo: r.order_no, ruleId: r.rule_id, action: r.action, outcome: r.outcome, by: r.by, detail: r.detail, at: r.created_at.toISOString() }));
}

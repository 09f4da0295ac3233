import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { withTransaction, type Db } from './sim.repository.ts';
import { errorBody } from './sim.types.ts';

/**
 * An in-progress claim older than this is taken over by the next request with
 * the same key and body. Safe because a claim's side effects commit in the same
 * transaction that completes it: a stale claim means its owner died before
 * recording anything (or will find its claim gone and roll back).
 */
const STALE_CLAIM_SECONDS = 10;

/** JSON with object keys sorted, so equal bodies hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Hash of what a key promises: the endpoint and the canonical body. */
export function requestHash(endpoint: string, body: unknown): string {
  return createHash('sha256').update(`${endpoint}\n${canonicalJson(body ?? {})}`).digest('hex');
}

/** A stored or computed HTTP answer. */
export interface Answer {
  status: number;
  body: unknown;
}

type Claim = { kind: 'claimed'; token: string } | { kind: 'answer'; answer: Answer };

interface IdemRow {
  request_hash: string;
  state: 'in_progress' | 'done';
  claim_token: string | null;
  response_status: number | null;
  response_body: unknown;
  stale: boolean;
}

const IN_PROGRESS: Answer = { status: 409, body: errorBody('idempotency_in_progress') };
const REUSED: Answer = { status: 422, body: errorBody('idempotency_key_reused') };

/**
 * Claims `key` for this request (committed at once, so a concurrent duplicate
 * sees it) or returns what to answer instead: the stored response (replay),
 * 422 for another body, 409 while the first request is still running.
 */
export async function claimKey(db: Db, key: string, endpoint: string, hash: string): Promise<Claim> {
  // A claim can vanish between our insert and select (its owner released it); retry a few times.
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = randomBytes(12).toString('hex');
    const inserted = await db.query(
      `insert into psp_sim.idempotency (key, endpoint, request_hash, state, claim_token)
       values ($1, $2, $3, 'in_progress', $4) on conflict (key) do nothing returning key`,
      [key, endpoint, hash, token],
    );
    if (inserted.rowCount === 1) return { kind: 'claimed', token };

    const res = await db.query<IdemRow>(
      `select request_hash, state, claim_token, response_status, response_body,
              locked_at < clock_timestamp() - make_interval(secs => $2) as stale
         from psp_sim.idempotency where key = $1`,
      [key, STALE_CLAIM_SECONDS],
    );
    const row = res.rows[0];
    if (!row) continue;
    if (row.request_hash !== hash) return { kind: 'answer', answer: REUSED };
    if (row.state === 'done') {
      return { kind: 'answer', answer: { status: row.response_status ?? 200, body: row.response_body } };
    }
    if (!row.stale) return { kind: 'answer', answer: IN_PROGRESS };
    const taken = await db.query(
      `update psp_sim.idempotency set claim_token = $2, locked_at = clock_timestamp()
        where key = $1 and state = 'in_progress' and claim_token is not distinct from $3 returning key`,
      [key, token, row.claim_token],
    );
    if (taken.rowCount === 1) return { kind: 'claimed', token };
  }
  return { kind: 'answer', answer: IN_PROGRESS };
}

/** Thrown inside the work transaction when our claim was taken over; rolls it back. */
export class LostClaimError extends Error {
  constructor() {
    super('idempotency claim was taken over by another request');
  }
}

/** Stores the final answer for `key`, in the caller's transaction. */
export async function completeKey(tx: Db, key: string, token: string, answer: Answer): Promise<void> {
  const res = await tx.query(
    `update psp_sim.idempotency
        set state = 'done', claim_token = null, response_status = $3, response_body = $4::jsonb
      where key = $1 and claim_token = $2 and state = 'in_progress'`,
    [key, token, answer.status, JSON.stringify(answer.body)],
  );
  if (res.rowCount !== 1) throw new LostClaimError();
}

/** Forgets our claim so the key can be used again (nothing was recorded). */
export async function releaseKey(db: Db, key: string, token: string): Promise<void> {
  await db.query(
    `delete from psp_sim.idempotency where key = $1 and claim_token = $2 and state = 'in_progress'`,
    [key, token],
  );
}

/** What a unit of idempotent work decided; `store: false` leaves the key reusable. */
export interface Outcome extends Answer {
  store: boolean;
}

/**
 * Runs `work` once per idempotency key (Stripe semantics). The work's writes and
 * the stored answer commit in one transaction, so a crash can never leave a
 * recorded payment without its answer, or the reverse.
 */
export async function runIdempotent(
  pool: pg.Pool,
  key: string,
  endpoint: string,
  body: unknown,
  work: (tx: pg.PoolClient) => Promise<Outcome>,
): Promise<Answer> {
  const claim = await claimKey(pool, key, endpoint, requestHash(endpoint, body));
  if (claim.kind === 'answer') return claim.answer;
  try {
    return await withTransaction(pool, async (tx) => {
      const outcome = await work(tx);
      if (outcome.store) await completeKey(tx, key, claim.token, outcome);
      else await releaseKey(tx, key, claim.token);
      return { status: outcome.status, body: outcome.body };
    });
  } catch (err) {
    if (err instanceof LostClaimError) return IN_PROGRESS;
    await releaseKey(pool, key, claim.token).catch(() => undefined);
    throw err;
  }
}

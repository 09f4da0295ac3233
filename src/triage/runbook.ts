import type { Category } from './failure.categories.ts';

/** The seeds' five sections, in their order. */
export const SECTIONS = ['summary', 'rootCause', 'impact', 'actions', 'fix'] as const;
export type Section = (typeof SECTIONS)[number];

/** Section headings as the seeds write them (ja) and their English. */
export const SECTION_TITLES: Record<Section, { ja: string; en: string }> = {
  summary: { ja: '問題の概要', en: 'Problem summary' },
  rootCause: { ja: '考えられる根本原因', en: 'Likely root cause' },
  impact: { ja: 'ビジネスへの影響', en: 'Business impact' },
  actions: { ja: '推奨される一次対応', en: 'Immediate actions' },
  fix: { ja: '恒久的な解決策', en: 'Permanent fix' },
};

/** One language's runbook: each section a list of paragraphs or bullet items. */
export type Runbook = Record<Section, string[]>;

/** What the runbook of a category may say of its neighbours in the causal chains. */
export interface ChainContext {
  cause?: Category;
  effects: Category[];
}

type Bi = { ja: string[]; en: string[] };
const both = (): Record<Section, Bi> =>
  Object.fromEntries(SECTIONS.map((s) => [s, { ja: [], en: [] }])) as unknown as Record<Section, Bi>;

function window(c: Category, lang: 'ja' | 'en'): string {
  if (c.firstSeen === undefined) return lang === 'ja' ? '（時刻なし）' : '(no times in the lines)';
  return `${c.firstSeen} – ${c.lastSeen}`;
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function ids(c: Category, lang: 'ja' | 'en'): string {
  const parts = lang === 'ja'
    ? [c.orders && `注文 ${c.orders} 件`, c.requests && `リクエスト ${c.requests} 件`, c.customers && `顧客 ${c.customers} 人`]
    : [c.orders && `${c.orders} orders`, c.requests && `${c.requests} requests`, c.customers && `${c.customers} customers`];
  return parts.filter((p) => p).join(lang === 'ja' ? '、' : ', ');
}

/** The runbook of one category in Japanese and English, filled with what was observed. */
export function runbookOf(c: Category, chain: ChainContext): { ja: Runbook; en: Runbook } {
  const r = both();
  const k = c.key;
  // Repairs start where the cause started: a consequence's first line comes later.
  const since = chain.cause?.firstSeen ?? c.firstSeen ?? '<start of the incident>';
  const affected = { ja: ids(c, 'ja'), en: ids(c, 'en') };
  r.summary.ja.push(`「${c.name.ja}」が ${c.count} 件（失敗行の ${pct(c.share)}）、${window(c, 'ja')} に観測されました。`);
  r.summary.en.push(`"${c.name.en}" was seen ${c.count} times (${pct(c.share)} of failure lines), ${window(c, 'en')}.`);
  if (c.samples[0] !== undefined && c.samples[0] !== '') {
    r.summary.ja.push(`例: \`${c.samples[0]}\``);
    r.summary.en.push(`Example: \`${c.samples[0]}\``);
  }
  if (chain.cause) {
    r.rootCause.ja.push(`「${chain.cause.name.ja}」（${chain.cause.id}）の結果として発生しています。まずそちらに対処してください。`);
    r.rootCause.en.push(`It is a consequence of "${chain.cause.name.en}" (${chain.cause.id}): handle that first.`);
  }
  if (chain.effects.length > 0) {
    r.impact.ja.push(`これに続いて発生: ${chain.effects.map((e) => `「${e.name.ja}」${e.count} 件`).join('、')}。`);
    r.impact.en.push(`It was followed by: ${chain.effects.map((e) => `"${e.name.en}" ×${e.count}`).join(', ')}.`);
  }
  if (affected.en !== '') {
    r.impact.ja.push(`影響範囲: ${affected.ja}。`);
    r.impact.en.push(`Affected: ${affected.en}.`);
  }
  (ownFiller(k.event ?? '') ?? generic)(c, r, since);
  return {
    ja: Object.fromEntries(SECTIONS.map((s) => [s, r[s].ja])) as Runbook,
    en: Object.fromEntries(SECTIONS.map((s) => [s, r[s].en])) as Runbook,
  };
}

type Filler = (c: Category, r: Record<Section, Bi>, since: string) => void;
const add = (b: Bi, ja: string, en: string) => {
  b.ja.push(ja);
  b.en.push(en);
};

const reconcile = (r: Record<Section, Bi>, since: string) =>
  add(r.actions, `復旧後、\`npx orderly reconcile --since ${since}\` でPSPの記録と照合し修復する。`, `Once recovered, run \`npx orderly reconcile --since ${since}\` to compare with the PSPs' records and repair.`);

const psp: Filler = (c, r, since) => {
  const who = c.key.provider ?? 'PSP';
  const st = c.key.status !== undefined ? ` ${c.key.status}` : '';
  add(r.rootCause, `決済代行 ${who} が${st}を返した、または応答しなかった（操作: ${c.operations.join(', ') || '不明'}）。PSP側の障害・メンテナンス、ネットワーク、レート制限が考えられる。`,
    `The PSP ${who} answered${st} or did not answer (operation: ${c.operations.join(', ') || 'unknown'}): an outage or maintenance on its side, the network, or its rate limit.`);
  const ops = c.operations;
  if (ops.length > 0 && !ops.includes('authorize')) {
    add(r.impact, `注文確定後のPSP操作（${ops.join(', ')}）が失敗した。注文は確定しているが、売上確定・取消・返金が後続タスクの再試行待ちになっている。`, `PSP operations after the order was decided (${ops.join(', ')}) failed: the orders stand, but their capture, void or refund waits for the follow-up task's retries.`);
  } else if (c.key.code === 'PROVIDER_AMBIGUOUS' || c.key.event === 'authorization_ambiguous') {
    add(r.impact, 'PSPが応答せず、オーソリの結果が不明になった。orderlyはPSPに照会し、見つかったオーソリは取り消す（I2）ため、注文のない請求は残らない。購入者は再試行を求められた。', 'The PSP did not answer, so the authorization outcome was unknown; orderly asked the PSP and voids any authorization it finds (I2), so no charge stays without an order. Buyers were asked to retry.');
  } else {
    add(r.impact, 'この間の購入は決済できず、購入者は再試行を求められた。オーソリは行われていないため二重請求はない。', 'Purchases in this window could not be paid; buyers were asked to retry. Nothing was authorized, so nobody was charged twice.');
  }
  add(r.actions, `\`GET /api/v1/admin/providers\` で ${who} の \`circuit\`（open / half-open）、\`recent.successRate\`、\`lastFailure\` を確認する。`, `Check ${who} in \`GET /api/v1/admin/providers\`: \`circuit\` (open / half-open), \`recent.successRate\`, \`lastFailure\`.`);
  add(r.actions, `${who} のステータスページを確認し、別のプロバイダが \`routed\` であればフェイルオーバーを確認する。\`npx orderly alerts list --status open\` で整合性アラートを確認する。`, `Check ${who}'s status page; if another provider is \`routed\`, confirm failover took over. Check \`npx orderly alerts list --status open\`.`);
  reconcile(r, since);
  add(r.fix, '第二のプロバイダをルーティングに加え、PSPサーキットオープンと購入可用性のバーンレートアラートで早期に検知する。', 'Route a second provider, and alert early on PSP circuit open and the purchase availability burn rate.');
};

const purchase: Filler = (c, r, since) => {
  const code = c.key.code ?? c.key.status ?? '?';
  add(r.rootCause, `購入APIが ${code}（HTTP ${c.key.status ?? '?'}）を返した。原因は通常、同じリクエストで先に記録された失敗（因果チェーン参照）。`, `The purchase API answered ${code} (HTTP ${c.key.status ?? '?'}); the cause is usually a failure logged earlier in the same requests (see the causal chains).`);
  add(r.impact, `${c.count} 件の購入が完了しなかった。購入者が再試行しない場合は売上機会の損失となる。`, `${c.count} purchases did not complete; revenue is lost where the buyer does not retry.`);
  add(r.actions, `サンプルの注文を \`GET /api/v1/admin/orders/:orderNo\` で確認する（支払い試行、タイムライン）。`, `Look at a sample order with \`GET /api/v1/admin/orders/:orderNo\` (payment attempts, timeline).`);
  add(r.actions, '`GET /api/v1/admin/providers` でPSPの状態を確認する。', 'Check the PSPs in `GET /api/v1/admin/providers`.');
  reconcile(r, since);
  add(r.fix, '根本原因のカテゴリの恒久対策を実施し、購入可用性SLOのアラートで監視する。', "Fix the root category, and watch the purchase availability SLO's alerts.");
};

const task: Filler = (c, r) => {
  const t = c.key.task ?? '<task>';
  const dead = c.key.event === 'task_dead';
  add(r.rootCause, `後続タスク ${t} が失敗した${dead ? '（再試行をすべて使い切った）' : ''}。依存先（PSP、SMTP、データベース）の障害や設定誤りが考えられる。`, `The follow-up task ${t} failed${dead ? ' on every attempt' : ''}: a dependency (PSP, SMTP, database) down or misconfigured.`);
  add(r.impact, dead ? `${c.count} 件のタスクが止まっている。注文の確定処理（売上確定、メール等）が完了していない。` : `${c.count} 回失敗し、再試行中。遅延が発生している。`, dead ? `${c.count} tasks are stopped: the orders' follow-ups (capture, mail, …) did not happen.` : `${c.count} failures, being retried: follow-ups are late.`);
  add(r.actions, `\`npx orderly dead-letters list --task ${t}\` で対象を確認し、\`npx orderly dead-letters show <id>\` でエラー履歴を見る。`, `List them with \`npx orderly dead-letters list --task ${t}\`; see each error history with \`npx orderly dead-letters show <id>\`.`);
  add(r.actions, '原因を解消してから `npx orderly dead-letters retry <id> --by <operator>` で再実行する。', 'Fix the cause, then `npx orderly dead-letters retry <id> --by <operator>`.');
  add(r.fix, 'デッドレターのアラートを有効にし、依存先の障害に対するタイムアウトと再試行予算を見直す。', 'Alert on dead letters, and review the timeouts and retry budget against the dependency that failed.');
};

const money: Filler = (c, r, since) => {
  add(r.rootCause, '注文が既に終了した後、または追跡外の支払い試行に対して決済成功が届いた（遅延したWebhook、二重送信、タイムアウト後の成功）。', "A payment success arrived after the order closed, or on an attempt the order does not follow (a late webhook, a double submit, a success after a timeout).");
  add(r.impact, `${c.count} 件の入金が自動で取り消し／返金される。顧客からの問い合わせが発生しうる。`, `${c.count} payments are being voided or refunded automatically; buyers may ask about them.`);
  add(r.actions, '`GET /api/v1/admin/orders/:orderNo` で返金の状態を確認し、`npx orderly alerts list --status open` で整合性アラートを確認する。', 'Check the refund on `GET /api/v1/admin/orders/:orderNo`, and the consistency alerts with `npx orderly alerts list --status open`.');
  reconcile(r, since);
  add(r.fix, 'PSPのタイムアウトとWebhook遅延を監視し、支払い期限を見直す。', 'Watch PSP timeouts and webhook delay; review the payment expiry.');
};

const database: Filler = (c, r, since) => {
  const code = c.key.code ?? c.key.status;
  add(r.rootCause, `PostgreSQLに接続できない、または接続が切断された${code ? `（${code}）` : ''}。データベースの停止・再起動・フェイルオーバー、ネットワーク、接続数の上限が考えられる。`,
    `Postgres could not be reached or dropped its connections${code ? ` (${code})` : ''}: the database stopped, restarted or failed over, the network, or the connection limit.`);
  add(r.impact, 'この間の購入は 503 SERVICE_UNAVAILABLE（再試行可）で応答された。後続タスク・イベント配信・スイープは停止したが、データベース内のタスクとアウトボックスは失われず、復旧後に再開する。',
    'Purchases in this window were answered 503 SERVICE_UNAVAILABLE (retryable). Follow-up tasks, event publishing and the sweeper paused; their tasks and outbox rows are in the database and resume once it is back: nothing is lost.');
  add(r.actions, '`GET /health/ready` でデータベースへの到達性を確認し、`DATABASE_URL` のホストで `pg_isready`、接続数（`max_connections`）、直近の再起動・フェイルオーバーを確認する。', 'Check `GET /health/ready`; on the `DATABASE_URL` host, `pg_isready`, the connection count against `max_connections`, and recent restarts or failovers.');
  add(r.actions, '復旧後、`orderly_tasks_queued` と `orderly_outbox_unpublished` が減ることを確認し、`npx orderly dead-letters list` と `npx orderly alerts list --status open` を確認する。', 'Once back, watch `orderly_tasks_queued` and `orderly_outbox_unpublished` drain, and check `npx orderly dead-letters list` and `npx orderly alerts list --status open`.');
  reconcile(r, since);
  add(r.fix, 'PostgreSQLを冗長化（自動フェイルオーバー）し、`/health/ready` とタスク滞留のアラートで検知する。接続プールの上限を見直す。', 'Make Postgres highly available (automatic failover); alert on `/health/ready` and the task backlog; review the pool size against the server limit.');
};

const webhook: Filler = (c, r) => {
  const who = c.key.provider ?? 'PSP';
  if (c.key.event === 'webhook_signature_invalid') {
    add(r.rootCause, `${who} のWebhook署名が検証できない。シークレットのローテーション漏れ、または偽装リクエスト。`, `${who}'s webhook signatures do not verify: a secret rotated on one side only, or forged requests.`);
    add(r.actions, `${who} のWebhookシークレットと \`…_WEBHOOK_SECRET\` / \`…_WEBHOOK_SECRET_PREVIOUS\` の設定を照合する。`, `Compare ${who}'s webhook secret with \`…_WEBHOOK_SECRET\` / \`…_WEBHOOK_SECRET_PREVIOUS\`.`);
  } else {
    add(r.rootCause, `${who} のWebhookが届いていない（PSP側の送信停止、エンドポイントURLやシークレットの誤り、ファイアウォール）。ポーリングが代わりに注文を確定した。`, `${who}'s webhooks are not arriving (the PSP stopped sending, a wrong endpoint URL or secret, a firewall); polling decided the orders instead.`);
    add(r.actions, `${who} の管理画面でWebhookの送信履歴を確認し、\`/webhooks/${c.key.provider ?? '<provider>'}\` に外部から到達できることを確認する。\`GET /api/v1/admin/orders/:orderNo\` の \`webhooks\` が空であることで確かめられる。`, `Check the webhook delivery log in ${who}'s dashboard and that \`/webhooks/${c.key.provider ?? '<provider>'}\` is reachable from outside; \`GET /api/v1/admin/orders/:orderNo\` shows an empty \`webhooks\` list for these orders.`);
  }
  add(r.impact, `${c.count} 件の注文がWebhookではなくポーリングで確定し、購入者は次のポーリングまで待たされた（PAYMENT_POLL_FIRST_MS / PAYMENT_POLL_MAX_MS）。支払い成功→PAID 60秒のSLOを消費する。`, `${c.count} orders were decided by polling instead of a webhook; buyers waited for the next poll (PAYMENT_POLL_FIRST_MS / PAYMENT_POLL_MAX_MS), which spends the success→PAID-within-60 s SLO.`);
  add(r.fix, 'Webhookの到達をSLO（OrderlySuccessToPaidBurn*）とこのイベントで監視し、シークレットは二つ有効な状態でローテーションする。', 'Watch webhook arrival with the SLO alerts (OrderlySuccessToPaidBurn*) and this event; rotate secrets with two active.');
};

const mail: Filler = (c, r) => {
  add(r.rootCause, 'メール送信が中断された後に再実行された（SMTPの停止・タイムアウト、プロセスの停止）。同じMessage-IDで再送するため、受信側で重複は除かれる。', 'A mail send was interrupted and run again (SMTP down or slow, the process stopped); it is resent with the same Message-ID, so receivers drop the duplicate.');
  add(r.impact, `${c.count} 通のメールが遅れて送信された。`, `${c.count} mails went out late.`);
  add(r.actions, 'SMTPサーバー（`SMTP_URL`）の稼働と応答時間を確認し、`npx orderly dead-letters list --task send_mail` を確認する。', 'Check the SMTP server (`SMTP_URL`) and its latency, and `npx orderly dead-letters list --task send_mail`.');
  add(r.fix, 'SMTPの冗長化と `SMTP_TIMEOUT_MS` の見直し。', 'A redundant SMTP relay, and a review of `SMTP_TIMEOUT_MS`.');
};

const OWN: Record<string, Filler> = {
  psp_unavailable: psp, psp_call_failed: psp, psp_refused: psp, psp_failover: psp, psp_circuit_open: psp, authorization_ambiguous: psp, psp_lookup_failed: psp,
  purchase_answered: purchase,
  task_failed: task, task_dead: task, late_payment_success: money, stray_money: money,
  webhook_missing: webhook, webhook_signature_invalid: webhook,
  mail_resent_after_crash: mail,
};

/** The filler of one of orderly's events: by name, or by area for the process's own plumbing (database, jobs, events). */
function ownFiller(event: string): Filler | undefined {
  if (Object.hasOwn(OWN, event)) return OWN[event];
  if (/^(db_(unreachable|listener_)|jobs_|relay_|event_consumer_failed$|sweep_failed$|monitor_tick_failed$|metrics_query_failed$)/.test(event)) return database;
  return undefined;
}

/** Runbook text for a category of another system: by the class of its code or status, and its words. */
const generic: Filler = (c, r) => {
  const where = c.key.service ?? c.key.event ?? (c.key.template !== '' ? `"${c.key.template}"` : 'the system');
  const code = Number(c.key.code ?? c.key.status);
  const text = `${c.key.template} ${c.samples.join(' ')}`.toLowerCase();
  if (code === 401 || code === 403 || /denied|unauthori[sz]ed|forbidden/.test(text)) {
    add(r.rootCause, `${where} で認証・認可が失敗した（${c.key.code ?? c.key.status ?? '拒否'}）。認証情報の期限切れ・ローテーション漏れ、または上流障害の副作用。`, `Authentication or authorization failed in ${where} (${c.key.code ?? c.key.status ?? 'denied'}): expired or unrotated credentials, or a side effect of an upstream failure.`);
    add(r.actions, `${where} の認証情報（APIキー、トークン）の有効期限と直近の変更を確認する。`, `Check ${where}'s credentials (API keys, tokens): expiry and recent changes.`);
  } else if (code === 429 || /rate.?limit|throttl/.test(text)) {
    add(r.rootCause, `${where} でレート制限に達した。`, `${where} hit a rate limit.`);
    add(r.actions, `${where} の呼び出し量と制限値を確認し、必要なら流量を絞る。`, `Compare ${where}'s call volume with its limit; throttle if needed.`);
  } else if (code >= 500 || /unavailable|refused|unreachable|timeout|timed out/.test(text)) {
    add(r.rootCause, `${where} またはその依存先が利用不可・タイムアウト（${c.key.code ?? c.key.status ?? 'サーバーエラー'}）。`, `${where} or one of its dependencies was unavailable or timed out (${c.key.code ?? c.key.status ?? 'server error'}).`);
    add(r.actions, `${where} と依存先のヘルスチェック、直近のデプロイ、リソース（CPU、接続数）を確認する。`, `Check the health of ${where} and its dependencies, recent deploys, and resources (CPU, connections).`);
  } else {
    add(r.rootCause, `${where} で処理が失敗した。ログの詳細からは特定できない。`, `Processing failed in ${where}; the lines do not say why.`);
    add(r.actions, `${where} のサンプル行と同時刻の他のログを確認する。`, `Read ${where}'s sample lines and other logs of the same minutes.`);
  }
  if (r.impact.ja.length === 0 || c.orders + c.customers === 0) {
    add(r.impact, `${c.count} 件の処理が失敗した（失敗行の ${pct(c.share)}）。`, `${c.count} operations failed (${pct(c.share)} of failure lines).`);
  }
  add(r.actions, `${window(c, 'ja')} の間の変化（デプロイ、設定、外部サービス）を確認する。`, `Look for changes during ${window(c, 'en')} (deploys, settings, external services).`);
  add(r.fix, `${where} の失敗率にアラートを設定し、根本原因に応じてリトライ・フェイルオーバー・認証情報の自動更新を導入する。`, `Alert on ${where}'s failure rate; add retries, failover or credential rotation as the cause requires.`);
};

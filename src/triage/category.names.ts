/**
 * Names of failure categories in Japanese and English: a small table for orderly's own stable `event`
 * values, and a generic name built from the key fields and the template for everything else.
 */

/** The key of a category: what its lines share. */
export interface CategoryKey {
  /** orderly's `event` or another log's `event_type`, when the lines carry one. */
  event?: string;
  /** The miner's template of the message (empty for orderly's own events: the event names them). */
  template: string;
  code?: string;
  status?: string;
  provider?: string;
  service?: string;
  task?: string;
}

/** A name in both languages. */
export interface Names {
  ja: string;
  en: string;
}

/**
 * orderly's own events: every `event` the service logs at warn or above, and what each one means
 * (test/log-events.test.ts holds that none is missing). Grouped by area, as in docs/triage.md.
 */
export const ORDERLY_EVENTS: Record<string, Names> = {
  psp_unavailable: { ja: 'PSP利用不可・オーソリ未実施', en: 'PSP unavailable, nothing authorized' },
  psp_call_failed: { ja: 'PSP呼び出しの失敗', en: 'PSP call failed' },
  purchase_answered: { ja: '購入リクエストへのエラー応答', en: 'Purchase answered with an error' },
  task_failed: { ja: '後続タスクの失敗・再試行予定', en: 'Follow-up task failed, will retry' },
  task_dead: { ja: '後続タスクのデッドレター化', en: 'Follow-up task dead-lettered' },
  late_payment_success: { ja: '注文終了後に届いた決済成功', en: 'Payment success after the order closed' },
  stray_money: { ja: '追跡外の決済試行への入金', en: 'Money on a stray payment attempt' },
  // The purchase path (src/payments, src/checkout).
  psp_failover: { ja: '次のPSPへのフェイルオーバー', en: 'Failed over to the next PSP' },
  psp_refused: { ja: 'PSPによるオーソリ拒否', en: 'PSP refused the authorization' },
  authorization_ambiguous: { ja: 'オーソリ結果不明・PSPへ照会', en: 'Authorization outcome unknown, asking the PSP' },
  psp_lookup_failed: { ja: 'PSPへの照会の失敗', en: 'Asking the PSP failed' },
  authorization_error: { ja: 'オーソリ中の予期しないエラー', en: 'Unexpected error during authorization' },
  psp_circuit_open: { ja: 'PSPサーキットのオープン', en: 'PSP circuit opened' },
  psp_news_unknown_order: { ja: '当社の注文にない決済のPSP通知', en: 'PSP news about a payment of no order of ours' },
  psp_news_unknown_attempt: { ja: '不明な決済試行についてのPSP通知', en: 'PSP news about an unknown payment attempt' },
  psp_news_unknown_payment: { ja: 'PSPが把握していない決済の通知', en: 'Notification about a payment the PSP does not know' },
  late_payment_failure: { ja: '支払済み注文に届いた決済失敗', en: 'Payment failure after the order was paid' },
  payment_poll_failed: { ja: 'PSPへの決済状況ポーリングの失敗', en: 'Polling the PSP failed' },
  foreign_money_returned: { ja: '当社の注文にないPSP決済の返金・取消', en: 'Money on a PSP payment of no order of ours given back' },
  order_recovered: { ja: '期限を過ぎたPENDING注文の復旧', en: 'Order left PENDING past its deadline recovered' },
  orders_expired_by_sweep: { ja: 'スイープによる支払待ち注文の期限切れ処理', en: 'Waiting orders expired by the sweep' },
  sweep_failed: { ja: 'スイープ処理の失敗', en: 'Sweep failed' },
  live_read_failed: { ja: 'ライブ購読者向けの注文読み込み失敗', en: 'Reading the order for a live subscriber failed' },
  // Reconciliation and the consistency monitor.
  reconcile_psp_unreadable: { ja: '照合時のPSP読み込み失敗', en: 'Reconciliation could not read a PSP' },
  reconcile_order_unreadable: { ja: '照合時の注文決済の読み込み失敗', en: "Reconciliation could not read an order's payments" },
  reconcile_repaired: { ja: '照合による不整合の修復', en: 'Reconciliation repaired inconsistencies' },
  reconcile_failed: { ja: '照合処理の失敗', en: 'Reconciliation failed' },
  reconcile_run_unrecorded: { ja: '照合実行の結果を記録できない', en: 'Could not record how a reconciliation run ended' },
  // The ops console's overview (src/api/overview.ts, routes/overview.routes.ts).
  overview_triage_failed: { ja: '概要画面の障害分析の作成失敗', en: 'The overview could not build its triage' },
  overview_stream_read_failed: { ja: '概要画面のライブ配信の読み込み失敗', en: 'The overview stream could not read the overview' },
  monitor_tick_failed: { ja: '整合性モニターの処理失敗', en: 'Consistency monitor tick failed' },
  monitor_alert_raised: { ja: '整合性アラートの発生', en: 'Consistency alert raised' },
  // HTTP and webhooks received.
  http_error_answered: { ja: 'サーバーエラーでの応答', en: 'Request answered with a server error' },
  http_unhandled_error: { ja: '未処理のエラー', en: 'Unhandled error' },
  db_unreachable: { ja: 'データベースに接続できない', en: 'Database unreachable' },
  webhook_signature_invalid: { ja: 'Webhook署名の検証失敗', en: 'Webhook signature invalid' },
  followup_backlog_over: { ja: '後続処理の滞留による購入受付の一時停止', en: 'Follow-ups behind, purchases refused' },
  webhook_missing: { ja: 'PSPのWebhook未着・ポーリングで確定', en: "PSP webhook never came, a poll decided" },
  // Outbound webhooks and mail.
  outbound_subscription_gone: { ja: '受信側の410応答によるWebhook購読の無効化', en: 'Receiver answered 410 Gone, subscription disabled' },
  outbound_delivery_dead: { ja: 'Webhook配信の再試行上限到達', en: 'Webhook delivery used up its attempts' },
  mail_resent_after_crash: { ja: '中断されたメール送信のやり直し', en: 'Mail sent again after an interrupted run' },
  mail_no_longer_fits: { ja: '注文状態に合わないメールの送信中止', en: 'Mail no longer fits the order, not sent' },
  // Events: the outbox relay and the stream's consumers.
  relay_publish_failed: { ja: 'イベント配信の失敗', en: 'Event publishing failed' },
  relay_leader_lost: { ja: 'イベントリレーのリーダーロック喪失', en: 'Event relay lost its leader lock' },
  event_consumer_failed: { ja: 'イベントコンシューマーの処理失敗', en: 'Event consumer failed' },
  nats_disconnected: { ja: 'NATSとの接続切断', en: 'NATS disconnected' },
  // Follow-up jobs (platform/jobs) and /metrics.
  jobs_dead_workers_freed: { ja: '停止したワーカーのジョブの解放', en: 'Jobs of gone workers freed' },
  jobs_worker_register_failed: { ja: 'ワーカープールの登録失敗', en: 'Worker pool registration failed' },
  jobs_heartbeat_failed: { ja: 'ワーカーのハートビート失敗', en: 'Worker heartbeat failed' },
  jobs_graphile_error: { ja: 'ジョブキュー（graphile-worker）のエラー', en: 'Job queue (graphile-worker) error' },
  jobs_graphile_warning: { ja: 'ジョブキュー（graphile-worker）の警告', en: 'Job queue (graphile-worker) warning' },
  metrics_query_failed: { ja: 'メトリクス集計クエリの失敗', en: 'Metrics query failed' },
  // The database (platform/db) and the embedded Postgres.
  db_listener_lost: { ja: 'DB通知リスナーの接続切断', en: 'Database listener connection lost' },
  db_listener_reconnect_failed: { ja: 'DB通知リスナーの再接続失敗', en: 'Database listener reconnect failed' },
  db_migration_failed: { ja: 'マイグレーションの失敗', en: 'Migration failed' },
  db_postgres_user_created: { ja: 'root実行のためpostgresユーザーを作成', en: 'Running as root, postgres user created' },
  db_dirs_made_traversable: { ja: 'postgresユーザー用にディレクトリへ実行権限を付与', en: 'Directories made traversable for the postgres user' },
  db_orphan_postgres_stopped: { ja: '取り残された組み込みPostgresの停止', en: 'Orphaned embedded Postgres stopped' },
  db_stale_pidfile_removed: { ja: '残存したpostmaster.pidの削除', en: 'Stale postmaster.pid removed' },
  db_postgres_stop_slow: { ja: 'Postgresの停止遅延（SIGQUIT送信）', en: 'Postgres slow to stop, SIGQUIT sent' },
  // Stopping the process (service.ts, platform/lifecycle).
  shutdown_slow: { ja: '停止処理の長期化', en: 'Stopping takes long' },
  shutdown_step_failed: { ja: '停止処理中のエラー', en: 'Error while stopping a component' },
  shutdown_requests_cut: { ja: '停止時に未完了リクエストの接続を切断', en: 'Open requests cut off at shutdown' },
  shutdown_drain_failed: { ja: 'ドレイン中のエラー（強制停止へ）', en: 'Drain failed, forcing a fast stop' },
  shutdown_forced: { ja: '強制停止', en: 'Fast stop forced' },
  shutdown_force_failed: { ja: '強制停止中のエラー', en: 'Error during the fast stop' },
  // The PSP simulator (src/psp-sim).
  sim_request_failed: { ja: 'PSPシミュレーター：リクエスト処理の失敗', en: 'PSP simulator: request failed' },
  sim_webhook_loop_failed: { ja: 'PSPシミュレーター：Webhook処理ループの失敗', en: 'PSP simulator: webhook loop failed' },
  sim_webhook_bookkeeping_failed: { ja: 'PSPシミュレーター：Webhook配信記録の失敗', en: 'PSP simulator: webhook delivery bookkeeping failed' },
  sim_webhook_gave_up: { ja: 'PSPシミュレーター：Webhook配信の断念', en: 'PSP simulator: webhook delivery given up' },
  sim_settlement_failed: { ja: 'PSPシミュレーター：売上確定処理の失敗', en: 'PSP simulator: settlement tick failed' },
  sim_db_client_error: { ja: 'PSPシミュレーター：待機中DBクライアントのエラー', en: 'PSP simulator: idle database client error' },
  sim_db_connection_lost: { ja: 'PSPシミュレーター：DB接続の切断', en: 'PSP simulator: database connection lost' },
};

function details(key: CategoryKey, lang: 'ja' | 'en'): string {
  const parts: string[] = [];
  const label = lang === 'ja'
    ? { code: 'コード', status: 'ステータス', provider: 'プロバイダ', service: 'サービス', task: 'タスク' }
    : { code: 'code', status: 'status', provider: 'provider', service: 'service', task: 'task' };
  if (key.code !== undefined) parts.push(`${label.code} ${key.code}`);
  if (key.status !== undefined && key.status !== key.code) parts.push(`${label.status} ${key.status}`);
  if (key.provider !== undefined) parts.push(`${label.provider} ${key.provider}`);
  if (key.service !== undefined) parts.push(`${label.service} ${key.service}`);
  if (key.task !== undefined) parts.push(`${label.task} ${key.task}`);
  if (parts.length === 0) return '';
  return lang === 'ja' ? `（${parts.join('、')}）` : ` (${parts.join(', ')})`;
}

/** A template cut to a readable length for a name. */
function shortTemplate(t: string): string {
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

/** The proposed name of a category, ja and en. */
export function categoryName(key: CategoryKey): Names {
  const known = key.event !== undefined ? ORDERLY_EVENTS[key.event] : undefined;
  // orderly's own lines all say `service: orderly`: in their names it says nothing.
  if (known && key.template === '') {
    const own = key.service === 'orderly' ? { ...key, service: undefined } : key;
    return { ja: known.ja + details(own, 'ja'), en: known.en + details(own, 'en') };
  }
  const subject = [key.event, key.template !== '' ? `"${shortTemplate(key.template)}"` : undefined].filter((s) => s !== undefined).join(' ');
  return {
    ja: `${subject} の失敗${details(key, 'ja')}`,
    en: `${subject} failures${details(key, 'en')}`,
  };
}

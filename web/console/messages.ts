import type { Messages } from '../shared/i18n.tsx';

const en = {
  title: 'orderly console', lang: 'Language', nav: 'Main', skip: 'Skip to content',
  overview: 'Overview', orders: 'Orders', psps: 'PSPs', alerts: 'Alerts', deadLetters: 'Dead letters', reconciliation: 'Reconciliation', triage: 'Triage',
  signIn: 'Sign in', signOut: 'Sign out', adminKey: 'Admin key', wrongKey: 'That admin key was refused.', signInIntro: 'Sign in with the admin key.',
  loading: 'Loading…', live: 'Live', reconnecting: 'Reconnecting (polling)', connecting: 'Connecting',
  purchasesPerMinute: 'Purchases per minute', purchasesTotal: 'Purchases in the window: {n}', paid: 'Paid', failed: 'Failed', cancelled: 'Cancelled', open: 'Open',
  successRate: 'Success rate', objective: 'objective {o}', webhookToPaid: 'Webhook → PAID', openAlerts: 'Open alerts', deadLetterCount: 'Dead letters', topTriage: 'Top failure categories',
  status: 'Status', any: 'Any', sku: 'SKU', customer: 'Customer', from: 'From', to: 'To', filter: 'Filter', next: 'Next page', first: 'First page',
  order: 'Order', total: 'Total', created: 'Created', none: 'Nothing here.', timeline: 'Timeline', attempts: 'Payment attempts', tasks: 'Tasks', webhooks: 'Webhooks', mails: 'Mails',
  payment: 'Payment', captured: 'Captured', refunded: 'Refunded', cancelOrder: 'Cancel with refund', refund: 'Refund', amount: 'Amount (yen)', reason: 'Reason', retry: 'Retry', discard: 'Discard',
  cancelDialog: 'Close', confirm: 'Confirm', done: 'Done.', amountInvalid: 'Enter whole yen from 1 to {max}.', reasonInvalid: 'At least 3 characters.',
  provider: 'Provider', circuit: 'Circuit', rateLimit: 'Rate limit /s', latency: 'Latency p50 / p95 / p99', recentFailures: 'Recent failures', calls: 'Calls',
  acknowledge: 'Acknowledge', resolve: 'Resolve', note: 'Note', rule: 'Rule', task: 'Task', error: 'Error', when: 'When',
  runNow: 'Run now', runs: 'Runs', remediations: 'Remediations', action: 'Action', outcome: 'Outcome', lines: 'Log lines', category: 'Category', count: 'Count', share: 'Share',
  started: 'Started', by: 'By', window: 'Window', checked: 'Checked (payments / orders)', agreed: 'Agreed', escalated: 'Escalated',
};
const ja: typeof en = {
  title: 'orderly 運用コンソール', lang: '言語', nav: 'メイン', skip: '本文へ移動',
  overview: '概要', orders: '注文', psps: '決済代行', alerts: 'アラート', deadLetters: 'デッドレター', reconciliation: '照合', triage: '障害分析',
  signIn: 'サインイン', signOut: 'サインアウト', adminKey: '管理キー', wrongKey: 'この管理キーは拒否されました。', signInIntro: '管理キーでサインインしてください。',
  loading: '読み込み中…', live: 'ライブ', reconnecting: '再接続中（ポーリング）', connecting: '接続中',
  purchasesPerMinute: '1分ごとの購入数', purchasesTotal: '期間内の購入: {n}件', paid: '支払済', failed: '失敗', cancelled: 'キャンセル', open: '処理中',
  successRate: '成功率', objective: '目標 {o}', webhookToPaid: 'Webhook → 支払済', openAlerts: '未対応アラート', deadLetterCount: 'デッドレター', topTriage: '主な失敗カテゴリ',
  status: '状態', any: 'すべて', sku: 'SKU', customer: '顧客', from: '開始', to: '終了', filter: '絞り込む', next: '次のページ', first: '最初のページ',
  order: '注文', total: '合計', created: '作成日時', none: '該当なし。', timeline: 'タイムライン', attempts: '決済試行', tasks: 'タスク', webhooks: 'Webhook', mails: 'メール',
  payment: '決済', captured: '売上確定', refunded: '返金済', cancelOrder: '返金してキャンセル', refund: '返金', amount: '金額（円）', reason: '理由', retry: '再試行', discard: '破棄',
  cancelDialog: '閉じる', confirm: '実行', done: '完了しました。', amountInvalid: '1〜{max}円の整数で入力してください。', reasonInvalid: '3文字以上で入力してください。',
  provider: '決済代行', circuit: '回路', rateLimit: 'レート制限 /秒', latency: '遅延 p50 / p95 / p99', recentFailures: '最近の失敗', calls: '呼び出し',
  acknowledge: '確認済みにする', resolve: '解決', note: 'メモ', rule: 'ルール', task: 'タスク', error: 'エラー', when: '日時',
  runNow: '今すぐ実行', runs: '実行履歴', remediations: '修復', action: '処置', outcome: '結果', lines: 'ログ行', category: 'カテゴリ', count: '件数', share: '割合',
  started: '開始日時', by: '実行者', window: '対象期間', checked: '確認（決済 / 注文）', agreed: '一致', escalated: '要対応',
};
export const messages: Messages<keyof typeof en> = { en, ja };

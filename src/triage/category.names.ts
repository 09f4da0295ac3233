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

/** orderly's own events (src/payments, src/checkout, src/api, platform/jobs): what each one means. */
export const ORDERLY_EVENTS: Record<string, Names> = {
  psp_unavailable: { ja: 'PSP利用不可・オーソリ未実施', en: 'PSP unavailable, nothing authorized' },
  psp_call_failed: { ja: 'PSP呼び出しの失敗', en: 'PSP call failed' },
  purchase_answered: { ja: '購入リクエストへのエラー応答', en: 'Purchase answered with an error' },
  task_failed: { ja: '後続タスクの失敗・再試行予定', en: 'Follow-up task failed, will retry' },
  task_dead: { ja: '後続タスクのデッドレター化', en: 'Follow-up task dead-lettered' },
  late_payment_success: { ja: '注文終了後に届いた決済成功', en: 'Payment success after the order closed' },
  stray_money: { ja: '追跡外の決済試行への入金', en: 'Money on a stray payment attempt' },
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
  if (known && key.template === '') return { ja: known.ja + details(key, 'ja'), en: known.en + details(key, 'en') };
  const subject = [key.event, key.template !== '' ? `"${shortTemplate(key.template)}"` : undefined].filter((s) => s !== undefined).join(' ');
  return {
    ja: `${subject} の失敗${details(key, 'ja')}`,
    en: `${subject} failures${details(key, 'en')}`,
  };
}

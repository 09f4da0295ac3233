/**
 * The checkout form's rules, the same as the API's schema (src/api/schemas/orders.ts, ShippingAddress and
 * PlaceOrderBody.email), so the page refuses what the API would refuse before anything is sent.
 */
export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県',
  '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県',
  '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県',
  '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;

export interface CheckoutForm {
  name: string;
  postalCode: string;
  prefecture: string;
  city: string;
  line1: string;
  line2: string;
  phone: string;
  email: string;
}

export type Field = keyof CheckoutForm;
/** A message key (messages.ts) per field in error. */
export type FormErrors = Partial<Record<Field, string>>;

export const EMPTY_FORM: CheckoutForm = { name: '', postalCode: '', prefecture: '', city: '', line1: '', line2: '', phone: '', email: '' };

const POSTAL = /^[0-9]{3}-?[0-9]{4}$/;
const PHONE = /^\+?[0-9][0-9-]{8,19}$/;
// Close to ajv-formats' "email" (what the API checks); the API stays the judge.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

function line(v: string, max: number): string | undefined {
  if (v.trim() === '') return 'err.required';
  if (v.length > max) return 'err.tooLong';
  return undefined;
}

/** Every field's problem (empty when the form can be sent). Full-width digits are not converted: the API takes ASCII. */
export function validate(f: CheckoutForm): FormErrors {
  const e: FormErrors = {};
  const set = (k: Field, m: string | undefined) => {
    if (m) e[k] = m;
  };
  set('name', line(f.name, 100));
  set('postalCode', f.postalCode.trim() === '' ? 'err.required' : POSTAL.test(f.postalCode) ? undefined : 'err.postalCode');
  set('prefecture', (PREFECTURES as readonly string[]).includes(f.prefecture) ? undefined : 'err.prefecture');
  set('city', line(f.city, 100));
  set('line1', line(f.line1, 200));
  set('line2', f.line2.length > 200 ? 'err.tooLong' : undefined);
  // The API's schema requires a phone number.
  set('phone', f.phone.trim() === '' ? 'err.required' : PHONE.test(f.phone) ? undefined : 'err.phone');
  set('email', f.email === '' ? undefined : f.email.length <= 254 && EMAIL.test(f.email) ? undefined : 'err.email');
  return e;
}

/** The API's shippingAddress (line2 only when given). */
export function shippingAddress(f: CheckoutForm) {
  return {
    name: f.name.trim(),
    postalCode: f.postalCode,
    prefecture: f.prefecture,
    city: f.city.trim(),
    line1: f.line1.trim(),
    ...(f.line2.trim() ? { line2: f.line2.trim() } : {}),
    phone: f.phone,
  };
}

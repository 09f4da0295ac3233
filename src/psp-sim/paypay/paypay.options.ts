/** Credentials of the simulator's PayPay-compatible API (`/v2/…`). */
export interface PayPaySimOptions {
  /** The API key (client id) in `Authorization: hmac OPA-Auth:<apiKey>:…`. */
  apiKey: string;
  /** The API secret the OPA-Auth HMAC is keyed with; never logged. */
  apiSecret: string;
  /** Expected `X-ASSUME-MERCHANT` header. */
  merchantId: string;
}

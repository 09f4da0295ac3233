import type { AttemptStatus, PaymentStatus } from './payment.table.ts';
import type { ProviderPayment } from './providers/provider.ts';

/** The provider's normalised statuses, upper-cased: both attempt and payment statuses (the one mapping). */
export const STATUS_OF: Record<ProviderPayment['status'], AttemptStatus & PaymentStatus> = {
  authorized: 'AUTHORIZED',
  declined: 'DECLINED',
  processing: 'PROCESSING',
  requires_action: 'REQUIRES_ACTION',
  captured: 'CAPTURED',
  voided: 'VOIDED',
  refunded: 'REFUNDED',
};

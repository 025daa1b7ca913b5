/**
 * The knobs of proxy purchase and delivery (代购配送), from the environment (CDK and the local
 * runtime may set them): how long an order may wait for a volunteer before it is overdue and its
 * community is alerted —
 * - ORDER_ACCEPT_MINUTES_MEDICINE (default 120: medicine cannot wait),
 * - ORDER_ACCEPT_MINUTES_URGENT (default 120: an urgent order of any kind),
 * - ORDER_ACCEPT_MINUTES_OTHER (default 720: groceries and the rest, half a day).
 * Read on each call, so tests can change them between requests.
 */
import { DEFAULT_ACCEPT_MINUTES, type AcceptMinutes } from '#shared/domain/orders.ts';

const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export function orderSettings(): { readonly acceptMinutes: AcceptMinutes } {
  return {
    acceptMinutes: {
      medicine: positive(process.env.ORDER_ACCEPT_MINUTES_MEDICINE, DEFAULT_ACCEPT_MINUTES.medicine),
      urgent: positive(process.env.ORDER_ACCEPT_MINUTES_URGENT, DEFAULT_ACCEPT_MINUTES.urgent),
      other: positive(process.env.ORDER_ACCEPT_MINUTES_OTHER, DEFAULT_ACCEPT_MINUTES.other),
    },
  };
}

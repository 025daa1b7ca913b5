/**
 * The city dashboard (指挥大屏): a place's figures of today, its 14-day trends, alerts by kind with
 * the time taken to acknowledge them, and the places one level down to drill into
 * (city → streets → communities → compounds). Counts only: no person.
 */
import * as z from '../zod.ts';
import { DailyFiguresSchema, OrderFiguresSchema } from './daily-report.ts';
import { ChinaDay } from './disinfection.ts';
import { DynamoNumber, Id } from './common.ts';

export const DashboardQuery = z.object({
  streetId: z.optional(Id),
  communityId: z.optional(Id),
  date: z.optional(ChinaDay).register(z.globalRegistry, { description: 'The last day shown (China time); today by default' }),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Count = DynamoNumber.check(z.int(), z.gte(0));

export const DashboardDay = z.object({
  date: ChinaDay,
  cases: Count,
  entries: Count,
  fevers: Count,
  coverage: z.nullable(DynamoNumber.check(z.gte(0), z.lte(100))).register(z.globalRegistry, { description: 'Households visited of households in the day\'s sweeps, percent; null with none' }),
  roundsRequired: Count,
  roundsDone: Count,
  reportsSubmitted: Count,
  reportsZero: Count,
  ordersRequested: Count.clone().register(z.globalRegistry, { description: 'Orders (代购配送) placed that day in the place\'s communities' }),
  ordersDelivered: Count,
  ordersOverdue: Count.clone().register(z.globalRegistry, { description: 'Orders that passed their accept deadline unaccepted that day' }),
  avgDeliveryMinutes: z.nullable(DynamoNumber.check(z.gte(0))).register(z.globalRegistry, { description: 'Average minutes from request to delivery of the day\'s deliveries; null with none' }),
});
export type DashboardDay = z.infer<typeof DashboardDay>;

export const DashboardAlerts = z.object({
  kind: z.string(),
  count: Count,
  acknowledged: Count,
  medianAckMinutes: z.nullable(DynamoNumber.check(z.gte(0))).register(z.globalRegistry, { description: 'Median minutes from raised to acknowledged; null when none was' }),
});
export type DashboardAlerts = z.infer<typeof DashboardAlerts>;

export const DashboardChild = z.object({
  id: z.nullable(Id),
  name: z.string(),
  level: z.enum(['street', 'community', 'compound']),
  compounds: Count.clone().register(z.globalRegistry, { description: 'Compounds under closure' }),
  reportsSubmitted: Count.clone().register(z.globalRegistry, { description: 'Daily reports submitted today (zero reports included)' }),
  cases: Count,
  fevers: Count,
  orders: z.nullable(OrderFiguresSchema).register(z.globalRegistry, { description: 'Today\'s orders of a street or community (counted per community); null for a compound' }),
});
export type DashboardChild = z.infer<typeof DashboardChild>;

export const Dashboard = z.object({
  date: ChinaDay,
  level: z.enum(['city', 'street', 'community']),
  place: z.object({ id: z.nullable(Id), name: z.string() }),
  today: z.object({
    source: z.enum(['live', 'reports']).register(z.globalRegistry, { description: 'live: counted from the data now (a community); reports: summed from today\'s submitted daily reports' }),
    compounds: Count,
    figures: DailyFiguresSchema,
    orders: OrderFiguresSchema.clone().register(z.globalRegistry, { description: 'The day\'s orders of the place\'s communities, from their counters (live at every level)' }),
  }),
  trend: z.array(DashboardDay).register(z.globalRegistry, { description: 'The 14 days ending on `date`, oldest first, from the submitted daily reports' }),
  alerts: z.array(DashboardAlerts).register(z.globalRegistry, { description: 'Alerts raised over the 14 days, by kind' }),
  children: z.array(DashboardChild),
}).register(z.globalRegistry, { id: 'Dashboard' });
export type Dashboard = z.infer<typeof Dashboard>;

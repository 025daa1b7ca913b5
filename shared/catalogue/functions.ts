/**
 * What each handler module may touch: the table access it needs and the queues it sends to.
 * The CDK app grants exactly this (least privilege) and sets the queue URLs it names; a test
 * checks that every module of the catalogue is listed here and that nothing else is.
 */
import type { QueueName } from './queues.ts';

/**
 * - `read`: GetItem, BatchGetItem, Query (table and indexes), ConditionCheckItem.
 * - `write`: PutItem, UpdateItem, DeleteItem, BatchWriteItem (transactions are made of these).
 */
export type TableAccess = 'read' | 'write';

/**
 * Secrets a function is given in its environment. In the cloud each is generated once per stage
 * and never rotated by itself (rotating the ID-hash key would orphan every stored hash).
 */
export const secrets = {
  idHashKey: { variable: 'ID_HASH_KEY', description: 'Keys the HMAC of residents\' ID numbers (only hash + last 4 are stored)' },
  passSigningKey: { variable: 'PASS_SIGNING_KEY', description: 'Master key of passes\' QR tokens: each compound\'s gate key is derived from it' },
  linkSigningKey: { variable: 'LINK_SIGNING_KEY', description: 'Master key of residents\' links (report link /r/<token>): each purpose\'s key is derived from it' },
} as const;
export type SecretName = keyof typeof secrets;

/**
 * What a function may do in the Cognito user pool: `createUsers` is AdminCreateUser and
 * AdminAddUserToGroup on that pool only (creating staff, functions/platform/user-pool.ts); such a
 * function is told the pool in USER_POOL_ID.
 */
export type UserPoolAccess = 'createUsers';

/**
 * What a function may do with alert notices in SNS: `publish` is CreateTopic, Subscribe,
 * ListSubscriptionsByTopic and Publish on the stage's community topics only
 * (`cordon-<stage>-community-*`, functions/platform/notifications-sns.ts); such a function is
 * told the topics' prefix in NOTIFY_TOPIC_PREFIX.
 */
export type NotifyAccess = 'publish';

/**
 * What a function may do with uploaded files in the files bucket (infra/cloud/files.ts):
 * `presignPhotos` signs PUTs of inspection photos (`inspections/*` only), `presignDeliveryPhotos` of
 * orders' delivery photos (`orders/*` only); such a function is told
 * the bucket's regional domain in FILES_BUCKET_DOMAIN.
 */
export type FilesAccess = 'presignPhotos' | 'presignDeliveryPhotos';

export interface FunctionAccess {
  readonly table: readonly TableAccess[];
  readonly sends?: readonly QueueName[];
  readonly secrets?: readonly SecretName[];
  readonly userPool?: readonly UserPoolAccess[];
  readonly files?: readonly FilesAccess[];
  readonly notify?: readonly NotifyAccess[];
}

const read = ['read'] as const satisfies readonly TableAccess[];
const readWrite = ['read', 'write'] as const satisfies readonly TableAccess[];

/** One entry per functions/api/<resource>.ts, functions/workers/<consumer>.ts, functions/jobs/<job>.ts. */
export const functionAccess = {
  api: {
    meta: { table: [] },
    places: { table: read },
    compounds: { table: readWrite },
    // Staff rosters are imported too (kind=staff), each person's sign-in made as POST /v1/staff makes it.
    imports: { table: readWrite, sends: ['assignCompounds'], userPool: ['createUsers'] },
    alerts: { table: readWrite },
    notifications: { table: readWrite },
    sealing: { table: readWrite },
    exits: { table: readWrite },
    duty: { table: readWrite },
    staff: { table: readWrite, userPool: ['createUsers'] },
    entries: { table: readWrite, secrets: ['idHashKey', 'passSigningKey'] },
    passes: { table: readWrite, secrets: ['idHashKey', 'passSigningKey'] },
    campaigns: { table: readWrite, sends: ['campaignPlan'] },
    tasks: { table: readWrite },
    cases: { table: readWrite },
    'drop-off-points': { table: readWrite },
    disinfection: { table: read },
    public: { table: read },
    notices: { table: readWrite },
    // Enrols people under care (their ID numbers hashed) with their report link; reports raise alerts.
    people: { table: readWrite, secrets: ['idHashKey', 'linkSigningKey'] },
    // Records a resident's report (and its fever alert) from a report link; counts calls per link.
    'public-reports': { table: readWrite, secrets: ['linkSigningKey'] },
    'help-requests': { table: readWrite },
    // The six in place are judged from the data: reads only.
    scorecards: { table: read },
    // Inspections and their rectification; signs the PUTs of inspection photos.
    inspections: { table: readWrite, files: ['presignPhotos'] },
    // The city dashboard sums reports, alerts and a community's live figures: reads only.
    dashboard: { table: read },
    pairs: { table: read },
    // Daily reports: drafts read the day's data; submissions write the report.
    'daily-reports': { table: readWrite },
    // The community's order queue and its steps; signs the PUTs of delivery photos.
    orders: { table: readWrite, files: ['presignDeliveryPhotos'] },
    // Makes and revokes households' links (only their hashes are kept).
    'household-links': { table: readWrite, secrets: ['linkSigningKey'] },
    // A household's orders through its link; counts calls per link.
    'public-orders': { table: readWrite, secrets: ['linkSigningKey'] },
  },
  workers: {
    'assign-compounds': { table: readWrite },
    'campaign-plan': { table: readWrite, sends: ['campaignExpand'] },
    'campaign-expand': { table: readWrite },
  },
  jobs: {
    'assign-unassigned': { table: [], sends: ['assignCompounds'] },
    'recheck-exits': { table: readWrite },
    'expire-leases': { table: readWrite },
    'restart-campaigns': { table: readWrite, sends: ['campaignPlan'] },
    'start-rounds': { table: readWrite, sends: ['campaignPlan'] },
    'missed-rounds': { table: readWrite },
    'unreached-pairs': { table: readWrite },
    'judge-slots': { table: readWrite },
    'release-people': { table: readWrite },
    // Raises one daily_report_missing alert per community with compounds not reported by the deadline.
    'daily-report-deadline': { table: readWrite },
    'inspections-overdue': { table: readWrite },
    // Raises one order_overdue alert per order not accepted in its time (medicine: 2 h), from a sparse index by due minute.
    'orders-overdue': { table: readWrite },
    // Sends alert notices (SNS topic per community) and escalates alerts nobody acknowledged.
    'escalate-alerts': { table: readWrite, notify: ['publish'] },
  },
} as const satisfies Record<'api' | 'workers' | 'jobs', Record<string, FunctionAccess>>;

export type FunctionKind = keyof typeof functionAccess;

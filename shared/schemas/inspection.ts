/**
 * Six in place (六个到位) and inspections (督导检查): the scorecard a compound earns each China day
 * from its own data, the inspections officials record on site (the six items checked, findings,
 * photos, the responsible person from the compound's responsibility list, a deadline), the
 * community's rectification (整改), and the accountability list (追责问责) per responsible person.
 */
import * as z from '../zod.ts';
import { compoundPlace, DynamoNumber, Id, Limit, NextToken, Timestamp } from './common.ts';

export const SCORECARD_KEYS = ['checkpoint', 'duty', 'registration', 'notices', 'screening', 'disinfection'] as const;
export const ScorecardKey = z.enum(SCORECARD_KEYS).register(z.globalRegistry, {
  description:
    'checkpoint: one open exit per the exit rules (卡口设置到位); duty: shifts covered and clocked in (值守到位); registration: entries with the four musts (登记检查到位); ' +
    'notices: gate notice posted and responsibility list complete (公示到位); screening: sweep coverage (排查到位); disinfection: rounds done (消杀到位)',
});
export type ScorecardKey = z.infer<typeof ScorecardKey>;

/** A China calendar day, YYYY-MM-DD. */
export const ChinaDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'));

export const ScorecardItem = z.object({
  key: ScorecardKey,
  inPlace: z.boolean(),
  evidence: z.string().register(z.globalRegistry, { description: 'What the data shows, in the caller\'s language' }),
  facts: z.record(z.string(), z.union([z.string(), DynamoNumber, z.boolean(), z.null()])).register(z.globalRegistry, { description: 'The figures behind the verdict' }),
}).register(z.globalRegistry, { id: 'ScorecardItem' });
export type ScorecardItem = z.infer<typeof ScorecardItem>;

export const Scorecard = z.object({ compoundId: Id, compoundName: z.string(), date: ChinaDate, inPlace: DynamoNumber.check(z.int()), items: z.array(ScorecardItem) }).register(z.globalRegistry, { id: 'Scorecard' });
export type Scorecard = z.infer<typeof Scorecard>;

export const ScorecardParams = z.object({ id: Id });
export const ScorecardQuery = z.object({ date: z.optional(ChinaDate).register(z.globalRegistry, { description: 'China day; today by default' }) });
export const ScorecardsQuery = z.object({
  date: z.optional(ChinaDate),
  communityId: z.optional(Id),
  streetId: z.optional(Id),
});
export type ScorecardsQuery = z.infer<typeof ScorecardsQuery>;

export const ScorecardShare = z.object({
  key: ScorecardKey,
  inPlace: DynamoNumber.check(z.int()),
  of: DynamoNumber.check(z.int()),
  percent: DynamoNumber.clone().register(z.globalRegistry, { description: 'Share of the compounds under closure with the item in place, 0–100' }),
});
export const ScorecardGroup = z.object({
  id: z.nullable(Id),
  name: z.string(),
  level: z.enum(['city', 'street', 'community', 'compound']),
  compounds: DynamoNumber.check(z.int()),
  percent: DynamoNumber.clone().register(z.globalRegistry, { description: 'Items in place over all items of the group\'s compounds, 0–100' }),
  items: z.array(ScorecardShare),
});
export type ScorecardGroup = z.infer<typeof ScorecardGroup>;
export const ScorecardSummary = z.object({ date: ChinaDate, total: ScorecardGroup, groups: z.array(ScorecardGroup), compounds: z.array(Scorecard) }).register(z.globalRegistry, { id: 'ScorecardSummary' });
export type ScorecardSummary = z.infer<typeof ScorecardSummary>;

// --- Inspections -----------------------------------------------------------------------------

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTOS_MAX = 6;
export const PhotoKey = z.string().check(z.regex(/^inspections\/[0-9a-f]{32}\.(jpg|png|webp)$/, 'must be a key POST /v1/inspections/uploads gave')).register(z.globalRegistry, { description: 'A photo\'s key from POST /v1/inspections/uploads' });

export const PhotoUploadRequest = z.strictObject({
  contentType: z.enum(PHOTO_TYPES),
  size: DynamoNumber.check(z.int(), z.gte(1), z.lte(PHOTO_MAX_BYTES, 'at most 5 MB')),
}).register(z.globalRegistry, { id: 'PhotoUploadRequest' });
export type PhotoUploadRequest = z.infer<typeof PhotoUploadRequest>;
export const PhotoUploadTarget = z.object({
  uploadUrl: z.string().register(z.globalRegistry, { description: 'PUT the photo here within 10 minutes, with exactly the headers given (locally a path on the API)' }),
  key: PhotoKey,
  headers: z.record(z.string(), z.string()),
}).register(z.globalRegistry, { id: 'PhotoUploadTarget' });
export type PhotoUploadTarget = z.infer<typeof PhotoUploadTarget>;

const Finding = z.string().check(z.trim(), z.minLength(1), z.maxLength(500));
const PersonName = z.string().check(z.trim(), z.minLength(1), z.maxLength(50));

export const InspectionItem = z.strictObject({ key: ScorecardKey, ok: z.boolean(), finding: z.optional(Finding).register(z.globalRegistry, { description: 'What was found wanting (needed when not ok)' }) });
export type InspectionItem = z.infer<typeof InspectionItem>;

export const InspectionCreate = z.strictObject({
  compoundId: Id,
  items: z.array(InspectionItem).check(z.minLength(1), z.maxLength(SCORECARD_KEYS.length)),
  responsible: z.optional(PersonName).register(z.globalRegistry, { description: 'A name on the compound\'s responsibility list' }),
  deadline: z.optional(Timestamp).register(z.globalRegistry, { description: 'By when the findings are rectified; must lie in the future' }),
  photos: z.optional(z.array(PhotoKey).check(z.maxLength(PHOTOS_MAX))),
}).register(z.globalRegistry, { id: 'InspectionCreate' });
export type InspectionCreate = z.infer<typeof InspectionCreate>;

export const INSPECTION_STATUSES = ['passed', 'open', 'overdue', 'rectified'] as const;
export const InspectionStatus = z.enum(INSPECTION_STATUSES).register(z.globalRegistry, {
  description: 'passed: nothing found; open: findings to rectify; overdue: past the deadline unrectified; rectified: the community recorded the rectification',
});
export type InspectionStatus = z.infer<typeof InspectionStatus>;

export const Inspection = z.object({
  id: Id,
  ...compoundPlace,
  items: z.array(InspectionItem),
  responsible: z.optional(z.string()),
  deadline: z.optional(Timestamp),
  photos: z.array(z.string()),
  status: InspectionStatus,
  inspectedAt: Timestamp,
  inspectedBy: z.string(),
  inspectorName: z.optional(z.string()),
  overdueAt: z.optional(Timestamp),
  rectifiedAt: z.optional(Timestamp),
  rectifiedBy: z.optional(z.string()),
  rectifiedByName: z.optional(z.string()),
  rectifyNote: z.optional(z.string()),
}).register(z.globalRegistry, { id: 'Inspection' });
export type Inspection = z.infer<typeof Inspection>;

export const InspectionCreated = z.object({ id: Id }).register(z.globalRegistry, { id: 'InspectionCreated' });
export const InspectionIdParams = z.object({ id: Id });
export const InspectionListQuery = z.object({
  compoundId: z.optional(Id),
  communityId: z.optional(Id),
  streetId: z.optional(Id),
  status: z.optional(InspectionStatus),
  limit: Limit,
  nextToken: NextToken,
});
export type InspectionListQuery = z.infer<typeof InspectionListQuery>;
export const InspectionPage = z.object({ items: z.array(Inspection), nextToken: z.optional(z.string()) }).register(z.globalRegistry, { id: 'InspectionPage' });
export const InspectionRectify = z.strictObject({ note: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) }).register(z.globalRegistry, { description: 'What was done to rectify the findings' });

// --- Accountability ---------------------------------------------------------------------------

export const AccountabilityQuery = z.object({ communityId: z.optional(Id), streetId: z.optional(Id) });
export const AccountabilityEntry = z.object({
  name: z.string(),
  roles: z.array(z.enum(['streetLeader', 'communityLeader', 'responsiblePerson', 'duty'])),
  compounds: z.array(z.object({ id: Id, name: z.string() })),
  openFindings: DynamoNumber.check(z.int()),
  overdueFindings: DynamoNumber.check(z.int()),
  missedDuties: DynamoNumber.check(z.int()),
  findings: z.array(z.object({ inspectionId: Id, compoundId: Id, compoundName: z.string(), key: ScorecardKey, finding: z.optional(z.string()), deadline: z.optional(Timestamp), status: InspectionStatus })),
  missed: z.array(z.object({ kind: z.enum(['missed_round', 'missed_clock_in']), compoundId: Id, compoundName: z.string(), date: z.string() })),
});
export type AccountabilityEntry = z.infer<typeof AccountabilityEntry>;
export const AccountabilityList = z.object({ items: z.array(AccountabilityEntry) }).register(z.globalRegistry, { id: 'AccountabilityList' });

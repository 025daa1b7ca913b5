/**
 * Six in place (六个到位) and inspections (督导检查): the scorecard a compound earns each China day
 * from its own data, the inspections officials record on site (the six items checked, findings,
 * photos, the responsible person from the compound's responsibility list, a deadline), the
 * community's rectification (整改), and the accountability list (追责问责) per responsible person.
 */
import * as z from 'zod';
import { compoundPlace, DynamoNumber, Id, Limit, NextToken, Timestamp } from './common.ts';

export const SCORECARD_KEYS = ['checkpoint', 'duty', 'registration', 'notices', 'screening', 'disinfection'] as const;
export const ScorecardKey = z.enum(SCORECARD_KEYS).meta({
  description:
    'checkpoint: one open exit per the exit rules (卡口设置到位); duty: shifts covered and clocked in (值守到位); registration: entries with the four musts (登记检查到位); ' +
    'notices: gate notice posted and responsibility list complete (公示到位); screening: sweep coverage (排查到位); disinfection: rounds done (消杀到位)',
});
export type ScorecardKey = z.infer<typeof ScorecardKey>;

/** A China calendar day, YYYY-MM-DD. */
export const ChinaDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const ScorecardItem = z
  .object({
    key: ScorecardKey,
    inPlace: z.boolean(),
    evidence: z.string().meta({ description: 'What the data shows, in the caller\'s language' }),
    facts: z.record(z.string(), z.union([z.string(), DynamoNumber, z.boolean(), z.null()])).meta({ description: 'The figures behind the verdict' }),
  })
  .meta({ id: 'ScorecardItem' });
export type ScorecardItem = z.infer<typeof ScorecardItem>;

export const Scorecard = z
  .object({ compoundId: Id, compoundName: z.string(), date: ChinaDate, inPlace: DynamoNumber.int(), items: z.array(ScorecardItem) })
  .meta({ id: 'Scorecard' });
export type Scorecard = z.infer<typeof Scorecard>;

export const ScorecardParams = z.object({ id: Id });
export const ScorecardQuery = z.object({ date: ChinaDate.optional().meta({ description: 'China day; today by default' }) });
export const ScorecardsQuery = z.object({
  date: ChinaDate.optional(),
  communityId: Id.optional(),
  streetId: Id.optional(),
});
export type ScorecardsQuery = z.infer<typeof ScorecardsQuery>;

export const ScorecardShare = z.object({
  key: ScorecardKey,
  inPlace: DynamoNumber.int(),
  of: DynamoNumber.int(),
  percent: DynamoNumber.meta({ description: 'Share of the compounds under closure with the item in place, 0–100' }),
});
export const ScorecardGroup = z.object({
  id: Id.nullable(),
  name: z.string(),
  level: z.enum(['city', 'street', 'community', 'compound']),
  compounds: DynamoNumber.int(),
  percent: DynamoNumber.meta({ description: 'Items in place over all items of the group\'s compounds, 0–100' }),
  items: z.array(ScorecardShare),
});
export type ScorecardGroup = z.infer<typeof ScorecardGroup>;
export const ScorecardSummary = z
  .object({ date: ChinaDate, total: ScorecardGroup, groups: z.array(ScorecardGroup), compounds: z.array(Scorecard) })
  .meta({ id: 'ScorecardSummary' });
export type ScorecardSummary = z.infer<typeof ScorecardSummary>;

// --- Inspections -----------------------------------------------------------------------------

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTOS_MAX = 6;
export const PhotoKey = z
  .string()
  .regex(/^inspections\/[0-9a-f]{32}\.(jpg|png|webp)$/, 'must be a key POST /v1/inspections/uploads gave')
  .meta({ description: 'A photo\'s key from POST /v1/inspections/uploads' });

export const PhotoUploadRequest = z
  .object({
    contentType: z.enum(PHOTO_TYPES),
    size: DynamoNumber.int().min(1).max(PHOTO_MAX_BYTES, 'at most 5 MB'),
  })
  .strict()
  .meta({ id: 'PhotoUploadRequest' });
export type PhotoUploadRequest = z.infer<typeof PhotoUploadRequest>;
export const PhotoUploadTarget = z
  .object({
    uploadUrl: z.string().meta({ description: 'PUT the photo here within 10 minutes, with exactly the headers given (locally a path on the API)' }),
    key: PhotoKey,
    headers: z.record(z.string(), z.string()),
  })
  .meta({ id: 'PhotoUploadTarget' });
export type PhotoUploadTarget = z.infer<typeof PhotoUploadTarget>;

const Finding = z.string().trim().min(1).max(500);
const PersonName = z.string().trim().min(1).max(50);

export const InspectionItem = z
  .object({ key: ScorecardKey, ok: z.boolean(), finding: Finding.optional().meta({ description: 'What was found wanting (needed when not ok)' }) })
  .strict();
export type InspectionItem = z.infer<typeof InspectionItem>;

export const InspectionCreate = z
  .object({
    compoundId: Id,
    items: z.array(InspectionItem).min(1).max(SCORECARD_KEYS.length),
    responsible: PersonName.optional().meta({ description: 'A name on the compound\'s responsibility list' }),
    deadline: Timestamp.optional().meta({ description: 'By when the findings are rectified; must lie in the future' }),
    photos: z.array(PhotoKey).max(PHOTOS_MAX).optional(),
  })
  .strict()
  .meta({ id: 'InspectionCreate' });
export type InspectionCreate = z.infer<typeof InspectionCreate>;

export const INSPECTION_STATUSES = ['passed', 'open', 'overdue', 'rectified'] as const;
export const InspectionStatus = z.enum(INSPECTION_STATUSES).meta({
  description: 'passed: nothing found; open: findings to rectify; overdue: past the deadline unrectified; rectified: the community recorded the rectification',
});
export type InspectionStatus = z.infer<typeof InspectionStatus>;

export const Inspection = z
  .object({
    id: Id,
    ...compoundPlace,
    items: z.array(InspectionItem),
    responsible: z.string().optional(),
    deadline: Timestamp.optional(),
    photos: z.array(z.string()),
    status: InspectionStatus,
    inspectedAt: Timestamp,
    inspectedBy: z.string(),
    inspectorName: z.string().optional(),
    overdueAt: Timestamp.optional(),
    rectifiedAt: Timestamp.optional(),
    rectifiedBy: z.string().optional(),
    rectifiedByName: z.string().optional(),
    rectifyNote: z.string().optional(),
  })
  .meta({ id: 'Inspection' });
export type Inspection = z.infer<typeof Inspection>;

export const InspectionCreated = z.object({ id: Id }).meta({ id: 'InspectionCreated' });
export const InspectionIdParams = z.object({ id: Id });
export const InspectionListQuery = z.object({
  compoundId: Id.optional(),
  communityId: Id.optional(),
  streetId: Id.optional(),
  status: InspectionStatus.optional(),
  limit: Limit,
  nextToken: NextToken,
});
export type InspectionListQuery = z.infer<typeof InspectionListQuery>;
export const InspectionPage = z.object({ items: z.array(Inspection), nextToken: z.string().optional() }).meta({ id: 'InspectionPage' });
export const InspectionRectify = z.object({ note: z.string().trim().min(1).max(500) }).strict().meta({ description: 'What was done to rectify the findings' });

// --- Accountability ---------------------------------------------------------------------------

export const AccountabilityQuery = z.object({ communityId: Id.optional(), streetId: Id.optional() });
export const AccountabilityEntry = z.object({
  name: z.string(),
  roles: z.array(z.enum(['streetLeader', 'communityLeader', 'responsiblePerson', 'duty'])),
  compounds: z.array(z.object({ id: Id, name: z.string() })),
  openFindings: DynamoNumber.int(),
  overdueFindings: DynamoNumber.int(),
  missedDuties: DynamoNumber.int(),
  findings: z.array(z.object({ inspectionId: Id, compoundId: Id, compoundName: z.string(), key: ScorecardKey, finding: z.string().optional(), deadline: Timestamp.optional(), status: InspectionStatus })),
  missed: z.array(z.object({ kind: z.enum(['missed_round', 'missed_clock_in']), compoundId: Id, compoundName: z.string(), date: z.string() })),
});
export type AccountabilityEntry = z.infer<typeof AccountabilityEntry>;
export const AccountabilityList = z.object({ items: z.array(AccountabilityEntry) }).meta({ id: 'AccountabilityList' });

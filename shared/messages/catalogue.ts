/**
 * Every text the API sends to a person, keyed by a stable code that clients may read
 * (problem+json `code`, `errors[].code`), in English: the keys are declared here, and a new
 * message gets its key here before a failure can carry it, and its Chinese beside it in
 * catalogue-zh-CN.ts (the type checker refuses a catalogue that lacks a key or has one more).
 * English is the language of the logs, so every function that makes a message holds these; only
 * what says messages to people (shared/messages/say.ts: the HTTP edge, notices) holds the rest.
 *
 * Keys: `problem.<slug>` are the problem types' titles; the rest are `<area>.<what>`.
 * `{name}` is a parameter, filled in as given (ids, numbers, times are never translated).
 */

export const MESSAGES = {
  // Problem titles, one per problem type (functions/edge/problems.ts).
  'problem.validation': 'Invalid request',
  'problem.unauthorized': 'Unauthorized',
  'problem.forbidden': 'Forbidden',
  'problem.not-found': 'Not found',
  'problem.conflict': 'Conflict',
  'problem.payload-too-large': 'Payload too large',
  'problem.unsupported-media-type': 'Unsupported media type',
  'problem.unaccounted-households': 'Households not accounted for',
  'problem.task-limit': 'Task limit reached',
  'problem.precondition-failed': 'Precondition failed',
  'problem.import-incomplete': 'Import incomplete',
  'problem.idempotency-key-reused': 'Idempotency-Key reused',
  'problem.internal': 'Internal error',
  'problem.gone': 'Gone',
  'problem.too-many-requests': 'Too many requests',

  // What the edge itself refuses (functions/edge/http.ts).
  'edge.no-route': 'no route {route} in {resource}',
  'edge.role-may-not': 'role {role} may not {operation}',
  'edge.no-claims': 'no verified token claims',
  'edge.no-identity': 'token lacks sub or username',
  'edge.no-role': 'the user belongs to no role group',
  'edge.many-roles': 'the user belongs to more than one role group',
  'edge.send-json': 'send application/json, not {type}',
  'edge.send-one-of': 'send one of {accepted}, not {type}',
  'edge.no-content-type': 'no Content-Type',
  'field.not-json': 'is not valid JSON',
  'field.empty-file': 'is empty: send the file as the body',
  'field.unknown': 'is not a known field',
  'field.one-of': 'must be one of {values}',
  'field.required': 'is required',
  'field.future': 'lies in the future',
  'field.must-be-future': 'must lie in the future',
  'field.not-cursor': 'is not a cursor this API issued',
  'field.not-cursor-of-list': 'is not a cursor of this list',

  // Preconditions (If-Match).
  'precondition.stale':
    '{what} was changed by someone else since the version If-Match names; read it again, then decide anew',
  'thing.compound': 'compound {id}',
  'thing.exit': 'exit {id}',
  'thing.help': 'help request {id}',

  // Jurisdiction and lookups (functions/edge/access.ts and handlers).
  'access.no': 'no {what}',
  'access.outside': '{what} is outside your jurisdiction',
  'access.no-compound': 'no compound {id}',
  'access.no-community': 'no community {id}',
  'access.no-street': 'no street {id}',
  'access.no-grid': 'no grid {id}',
  'access.no-exit': 'no exit {id}',
  'access.no-task': 'no task {id}',
  'access.no-campaign': 'no campaign {id}',
  'access.no-alert': 'no alert {id}',
  'access.no-enclosure': 'no enclosure {id}',
  'access.no-building': 'no building {building} in compound {compound}',
  'access.community-outside': 'community {id} is outside your jurisdiction',
  'access.street-outside': 'street {id} is outside your jurisdiction',
  'access.task-outside': 'task {id} is outside your jurisdiction',
  'access.campaign-outside': 'campaign {id} is outside your jurisdiction',
  'access.alert-outside': 'alert {id} is outside your jurisdiction',
  'access.enclosure-outside': 'enclosure {id} is outside your jurisdiction',
  'access.scope-outside': 'the {scope} scope is outside your jurisdiction',
  'access.not-on-duty': 'you are not on duty at exit {id}',

  // Tasks (shared/domain/tasks.ts, functions/stores/task-*.ts, functions/api/tasks.ts).
  'task.done': 'the task is done',
  'task.held-by-you': 'you hold this task already; extend it instead',
  'task.taken': 'the task is held by another worker until {until}',
  'task.not-holder': 'you do not hold this task; claim it first',
  'task.lease-lapsed': 'your lease on this task has lapsed; claim it again',
  'task.claimed-meanwhile': 'task {id} was claimed by someone else meanwhile',
  'task.changed-meanwhile': 'task {id} changed meanwhile; read it again',
  'task.gone': 'the task is gone',
  'task.limit':
    'you hold {limit} tasks, the most one worker may hold; complete or release one first',
  'task.unaccounted':
    '{count} households are not accounted for: visit them (no answer needs a revisit) before completing',
  'task.household.not_visited': 'not visited',
  'task.household.no_answer': 'no answer: visit again',
  'task.not-your-grid': 'task {id} belongs to grid {grid}, not yours',
  'task.not-your-compound':
    "task {id} belongs to compound {compound}'s disinfection staff, not yours",
  'task.campaign-not-workable': 'campaign {id} is {status}',
  'task.campaign-list-needs-id': 'is required: name the campaign whose tasks to list',
  'task.areas-required': 'is required: the areas disinfected',
  'task.sweep-no-body':
    'a sweep task completes without a body: every household must be accounted for',
  'task.visit-id-used': 'visit id {id} is already in use; a new visit needs a new visitId',
  'task.visit-differs': 'visit {id} was recorded with different content; a new visit needs a new visitId',

  // Campaign states as a parameter.
  'campaign.status.fanning-out': 'fanning-out',
  'campaign.status.active': 'active',
  'campaign.status.done': 'done',
  'campaign.status.cancelled': 'cancelled',
  'campaign.status.gone': 'gone',
  'campaign.cancel-outside':
    'only those whose jurisdiction holds the whole scope may cancel campaign {id}',
  // Changes that met another change (conditional writes).
  'change.meanwhile':
    '{what} was changed by someone else meanwhile; read it again and retry',
  'entry.differs':
    'entry {id} is registered with other details; a new registration needs a new entryId',
  'case.differs':
    'case {id} was reported with different content; a new report needs a new caseId',
  'case.raced': 'case {id} raced another report; send it again',

  // Visits (shared/domain/visits.ts).
  'visit.not-household': "is not a household of this task's building",
  'visit.people-at-least-1': 'must be at least 1 when the outcome is {outcome}',
  'visit.people-zero': 'must be 0 when the outcome is {outcome}',
  'visit.symptoms-nobody-met': 'must be empty when nobody was met ({outcome})',
  'visit.symptom-twice': 'lists a symptom twice',

  // Disinfection (shared/domain/disinfection.ts, functions/api/disinfection.ts).
  'disinfection.foreign-areas': "not in this task's area set ({planned}): {foreign}",
  'disinfection.reason-missing': 'is required when areas are left out ({left})',
  'disinfection.not-yours': 'compound {id} is not one you disinfect',

  // Exits (functions/api/exits.ts).
  'exit.official-confirms-only':
    'officials may confirm a sealing, not open, seal or designate exits',
  'exit.open-no-sealing': 'exit {id} is open: seal it before confirming its sealing',

  // Sealing and enclosures (shared/domain/sealing.ts, functions/api/sealing.ts).
  'sealing.already-at-level': 'the compound is already {level}',
  'sealing.not-sealed': 'the compound is {from}, not sealed',
  'compound.status.closed': 'closed',
  'compound.status.lockdown': 'lockdown',
  'compound.status.normal': 'normal',
  'compound.status.lifted': 'lifted',
  'sealing.no-responsibility-list': 'compound {id} has no responsibility list yet',
  'sealing.no-compounds': 'no compound {ids}',
  'sealing.compounds-outside': 'compound {ids} is outside your jurisdiction',
  'sealing.one-community': 'an enclosure lies within one community',

  // Alerts (shared/domain/alerts.ts).
  'alert.not-for-role':
    'a {kind} alert is closed by {closers} staff, not by {role} staff (alert {id})',
  'alert.already-closed': 'alert {id} was closed by {by} at {at}',
  // Acknowledge, assign, escalate, notify (issue 17).
  'alert.acknowledged-by-other': 'alert {id} was acknowledged by {by} at {at}',
  'alert.changed-meanwhile': 'alert {id} was changed by someone else meanwhile; read it again',
  'alert.assignee-not-staff': 'is not a staff member of the directory',
  'notification.not-yours': 'no such unread notification of yours',
  'alert.kind.symptoms': 'symptoms on a visit',
  'alert.kind.fever': 'fever at a gate',
  'alert.kind.lockdown_suggested': 'lockdown suggested',
  'alert.kind.help': 'help request',
  'alert.kind.missed_reports': 'missed health reports',
  'alert.kind.positive_test': 'positive test',
  'alert.kind.missed_clock_in': 'missed clock-in',
  'alert.kind.missed_round': 'missed disinfection round',
  'alert.kind.daily_report_missing': 'daily report missing',
  'alert.kind.inspection_overdue': 'inspection finding overdue',
  'alert.kind.order_overdue': 'order not accepted in time',
  'alert.level.community': 'community',
  'alert.level.street': 'street',
  'alert.level.city': 'city',
  'alert.notice-raised': '[Cordon] {kind}: {compound}, {time}. Please acknowledge.',
  'alert.notice-escalated':
    '[Cordon] {kind}: {compound}, raised {time}, not acknowledged in time; now with the {level}.',
  'alert.assignee-outside':
    '{to} ({role}) has no jurisdiction over compound {compound} of alert {id}',

  // Campaigns, cases, duty, entries, public pages.
  'campaign.is': 'campaign {id} is {status}',
  'drop-off.too-far':
    'lies {metres} m from compound {compound}; a drop-off point must be within {limit} m of it',
  'case.date-future': 'must not lie in the future (today in China is {today})',
  'case.from-after-to': 'must not lie after to',
  'case.span-too-long': 'spans more than {days} days',
  'public.date-future': 'must not be in the future (today in China is {today})',
  'public.date-too-old': 'must be within the last {days} days (from {oldest})',
  'pass.no': 'no pass {passId} in compound {id}',
  'pass.already-revoked': 'pass {passId} was revoked by {by} at {at}',
  'pass.observation':
    'a returnee gets a pass only after {days} days of home observation: from {from}',
  'pass.under-observation':
    'belongs to a person under home observation in this compound: a pass is issued once they are released',
  'pass.qr-other-pass': 'is pass {qrPass}, not {passId}',
  'pass.refused.bad_signature': 'is not a pass Cordon issued (bad signature)',
  'pass.refused.other_compound': 'is a pass of another compound',
  'pass.refused.revoked': 'is a revoked pass: register the person as refused',
  'pass.refused.expired': 'is an expired pass: register the person as refused',
  'pass.refused.not_yet_valid': 'is a pass not yet valid: register the person as refused',
  'duty.window': 'the window from {from} to {to} must run forwards, at most 14 days',
  'duty.no-shift-now': 'you have no shift at exit {id} now',
  'duty.not-clocked-in': 'you are not clocked in at exit {id}',
  'duty.clocked-in-already': 'you clocked in for this shift at {at}',
  'duty.not-duty-staff': '{person} is not duty staff of compound {id}',
  'staff.field-needed': '{role} staff need {field}',
  'staff.field-not-for-role': '{role} staff have no {field}',
  'staff.no-grid': 'there is no grid {id}',
  'staff.no-person': 'no one in the staff directory is called {username}',
  'staff.no-compound': 'there is no compound {id}',
  'staff.exit-elsewhere': 'exit {id} is not an exit of the given compounds',
  'staff.place-mismatch': '{field} {id} does not match the grid or community given',
  'staff.outside': 'you may not create {role} staff there',
  'staff.taken': 'username {username} is taken',
  'entry.fever-escort':
    'a fever needs the escort to the designated hospital recorded',

  // Geometry (shared/geo/validate.ts): what is wrong with an outline, said where it lies.
  'geo.not-rings': 'must be the rings of a {type}',
  'geo.too-many-positions': 'has {count} positions; at most {max} (simplify the outline)',
  'geo.no-area': 'encloses no area',
  'geo.too-big': 'encloses {area} km²; {what} is at most {max} km²',
  'geo.what.compound': 'a compound',
  'geo.what.building': 'a building',
  'geo.what.community': 'a community',
  'geo.what.area': 'an area',
  'geo.not-a-ring': 'must be a ring: an array of positions',
  'geo.bad-position': 'must be [longitude, latitude] within ±180/±90',
  'geo.ring-min-positions': 'a ring needs at least 4 positions',
  'geo.ring-min-corners': 'a ring needs at least 3 distinct corners',
  'geo.ring-self-touch':
    'the ring touches itself: its edge from position {to} meets its edge from position {from}',
  'geo.ring-self-cross':
    'the ring crosses itself: its edge from position {to} meets its edge from position {from}',
  'geo.shares-edge': 'shares an edge with {ring}: rings may meet only at single points',
  'geo.crosses': 'crosses {ring}: rings may meet only at single points',
  'geo.ring.outer': 'the outer ring',
  'geo.ring.hole': 'hole {index}',
  'geo.ring.of-polygon': '{ring} of polygon {polygon}',
  'geo.hole-outside': 'lies outside the outer ring: a hole must lie inside it',
  'geo.hole-in-hole': 'lies inside hole {index}: holes must not overlap',
  'geo.part-overlap': 'lies on polygon {polygon}: the parts of a MultiPolygon must not overlap',

  // The local runtime's own routes and paths (infra/local/api-server.ts).
  'local.username-required': 'body.username: give a demo username',
  'local.no-user': 'no demo user {username}',
  'local.bad-path':
    'is not a valid URL path: a "%" must begin an escape such as %2F, of UTF-8 bytes',

  // Imports (functions/flows/import/importer.ts).
  'import.body-too-large':
    'the body has {bytes} bytes; send at most {limit} (the CLI splits files)',
  'import.boundaries-city-only': 'only city staff import community boundaries',

  // Messages of the request schemas (shared/schemas/), said through their issue's `params.said`.
  'schema.geometry-or-location': 'give a geometry (Polygon/MultiPolygon) or a location [lng, lat]',
  'schema.drop-off-where': 'give a description or a point [lng, lat]',
  'schema.change-something': 'give at least one field to change',
  'schema.compound-twice': 'names a compound twice',
  'schema.ring-closed': 'a ring must be closed (first position equals last)',
  'schema.bbox-four': 'must be four numbers: minLng,minLat,maxLng,maxLat',
  'schema.bbox-range': 'must lie within ±180/±90 with min ≤ max',
  'schema.bbox-too-big': 'spans more than {deg}° a side; zoom in',
  'schema.time-range': 'must lie from {from} up to {to}',
  'schema.day-range': 'must lie from {from} to {to}',
  'schema.temperature-needed': 'give the temperature measured',
  'schema.refusal-reason-needed': 'say why the person was refused',
  'schema.returnee-needs-name': 'a returnee is enrolled for observation by name: give person.name',
  'schema.if-match': 'must be * or a list of entity tags, e.g. "v3"',
  'schema.idempotency-key': 'must be 8 to 100 characters of A-Z, a-z, 0-9, _ . : -',
  'schema.city-no-id': 'a city scope takes no id',
  'schema.scope-needs-id': "a {scope} scope needs the {scope}'s id",
  'schema.columns-pair': '"{pair}" is not field:Header',
  'schema.open-no-sealing': 'an open exit has no sealing to confirm',
  'schema.until-after-from': 'must be after validFrom',
  'schema.end-after-start': 'must be after start',
  'schema.shift-24h': 'a shift lasts at most 24 hours',
  'schema.last-shift-by': 'its last shift must end by {latest}',
  'schema.to-after-from': 'must be after from, at most 14 days later',
  'schema.unstorable-number':
    'must be 0 or between 1e-130 and 1e126 in size (DynamoDB stores no other number)',
  // Emergency help (functions/api/help-requests.ts, functions/stores/help-store.ts).
  'help.differs':
    'help request {id} was recorded with other details; make a new requestId for a new request',
  'help.closed-meanwhile': 'help request {id} was closed by someone else meanwhile',
  'help.already-closed': 'help request {id} was closed by {by} at {at}',
  // Idempotency-Key (functions/edge/idempotency.ts, functions/stores/idempotency-store.ts).
  'idempotency.key-reused':
    'this Idempotency-Key was used for a different request; make a new key for a new action',
  'idempotency.answered-meanwhile':
    'a request with this Idempotency-Key was answered meanwhile; send it again to read the answer',
  'field.used-for-other-request': 'was used for a different request',
  // Residents' links and their public report route (functions/api/public-reports.ts).
  'link.refused.bad': 'this link is not valid',
  'link.refused.wrong_purpose': 'this link is not valid',
  'link.refused.unknown': 'this link is not valid',
  'link.refused.revoked': 'this link was withdrawn; ask your grid worker for a new one',
  'link.refused.expired': 'this link has expired',
  'link.released': 'the observation has ended: no more reports are needed',
  'link.rate-limited': 'too many reports from this link; try again in a minute',
  'link.no-slot-open': 'no report slot is open now; the next opens at {opens}',
  'link.no-slot-left': 'no report slot is open now, and the observation period has no further slot',

  // People under care (functions/api/people.ts, functions/stores/people-store.ts).
  'schema.paired-with-needed': 'a vulnerable resident needs a cadre to pair with (a staff username)',
  'schema.force-needs-note': 'say why the release is forced',
  'thing.person': 'person {id}',
  'thing.grid': 'grid {id}',
  'person.no': 'no person {id}',
  'person.exists': 'person {id} is enrolled already',
  'person.changed-meanwhile': 'person {id} was changed by someone else meanwhile; read again',
  'person.report-raced': 'a report of person {id} was recorded meanwhile; send it again',
  'person.released': 'person {id} was released by {by} at {at}',
  'person.no-staff': 'is not a staff member of the directory',
  'person.building-other-grid': 'building {id} lies in another grid than yours',
  'person.outside-grid': 'person {id} is outside your grid',
  'person.not-observed': 'person {id} is not under observation (a vulnerable resident reports no slots)',
  'person.outside-period': 'lies outside the observation period ({start} to {end})',
  'person.slot-not-open': 'its window opens at {opens}',
  'person.no-slot-open': 'no report window is open now (the next, {slot} on {date}, opens at {opens}); name the slot to fill',
  'person.date-needs-slot': 'give the slot (am or pm) with the date',
  'person.start-future': 'must not lie after today in China ({today})',
  'person.not-releasable': 'person {id} may not be released yet: {reasons}; force it with a note if you must',
  'person.no-link': 'a vulnerable resident has no report link',
  'person.test-before-start': 'must not lie before the period starts ({start})',

  // Daily reports and zero reports (日报告、零报告), issue 17.
  'daily-report.not-zero': 'compound {id} may not submit a zero report for {date}: the day had {reasons}',
  'daily-report.abnormal.case': 'a new case',
  'daily-report.abnormal.fever': 'a fever at an exit',
  'daily-report.abnormal.symptoms': 'symptoms found',
  'daily-report.abnormal.open_alert': 'an open alert',
  'daily-report.list': '{first}, {rest}',
  'daily-report.final': 'the daily report of compound {id} for {date} was submitted by {by} at {at} and the deadline has passed; it can no longer be changed',
  'daily-report.future': 'must not lie after today in China ({today})',
  'daily-report.raced': 'the daily report of compound {id} for {date} was submitted by someone else meanwhile; read it again',
  'daily-report.both-places': 'give communityId or streetId, not both',

  'scope.city': 'city',
  'scope.street': 'street',
  'scope.community': 'community',
  'scope.grid': 'grid',
  'scope.compound': 'compound',

  // Inspections and the six in place (issue 17, part 5).
  'thing.inspection': 'inspection {id}',
  'inspection.exists': 'inspection {id} is recorded already',
  'inspection.changed-meanwhile': 'inspection {id} was changed by someone else meanwhile; read it again',
  'inspection.not-responsible': 'is not a name on the compound\'s responsibility list ({names})',
  'inspection.no-responsibility': 'the compound has no responsibility list posted yet',
  'inspection.finding-needed': 'say what was found when the item is not in place',
  'inspection.duplicate-key': 'item {key} is checked twice',
  'inspection.nothing-to-rectify': 'inspection {id} found nothing to rectify',
  'inspection.rectified': 'inspection {id} was rectified by {by} at {at}',
  'inspection.rectified-close-note': 'Rectified (recorded by {by}): {note}',
  'inspection.photo-type': 'must be image/jpeg, image/png or image/webp',
  'inspection.photo-size': 'must be at most 5 MB ({size} bytes given)',

  // Households' links and their orders (issue 18, S2: functions/api/household-links.ts, public-orders.ts).
  'thing.household': 'the household in building {building} of compound {compound}',
  'household.not-a-link': 'not a household link',
  'household.rate-limited': 'too many requests from this link; try again in a minute',
  'household.no-drop-off-point': 'no drop-off point {id} in this compound',

  // Proxy purchase and delivery (代购配送), issue 18 (functions/api/orders.ts, functions/stores/order-store.ts, shared/domain/orders.ts).
  'thing.order': 'order {id}',
  'order.status.requested': 'waiting for a volunteer',
  'order.status.accepted': 'accepted',
  'order.status.purchased': 'purchased',
  'order.status.delivered': 'delivered to the drop-off point',
  'order.status.collected': 'collected',
  'order.status.cancelled': 'cancelled',
  'order.action.accept': 'accept',
  'order.action.purchase': 'purchase',
  'order.action.deliver': 'deliver',
  'order.action.collect': 'collect',
  'order.action.cancel': 'cancel',
  'order.differs':
    'order {id} was placed with other details; make a new orderId for a new order',
  'order.wrong-status': 'order {id} is {status}: you cannot {action} it now',
  'order.taken': 'order {id} was taken by {by} at {at}',
  'order.not-holder': 'order {id} is carried by {by}: only they or a community admin may {action}',
  'order.role-may-not': 'role {role} may not {action} an order',
  'order.not-for-household': 'a household may not {action} on its link',
  'order.changed-meanwhile': 'order {id} was changed by someone else meanwhile; read it again',
  'order.field-not-for-action': 'is not taken when you {action}',
  'order.reason-needed': 'say why the order is cancelled',
  'order.no-drop-off-point': 'no drop-off point {id} in compound {compound}',
  'order.help-other-compound': 'help request {id} is not of this household\'s compound',
  'order.accepted-close-note': 'Accepted by {by}',
  'order.name-community':
    'name a community (communityId) or a compound (compoundId): orders above a community are read one community at a time',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof MESSAGES;

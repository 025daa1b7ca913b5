/**
 * Every text the API sends to a person, in each language Cordon speaks, keyed by a stable code
 * that clients may read (problem+json `code`, `errors[].code`). The one place these texts live:
 * the edge says them in the caller's language (shared/messages/message.ts), and a new message
 * gets its key here, in both languages, before a failure can carry it.
 *
 * Keys: `problem.<slug>` are the problem types' titles; the rest are `<area>.<what>`.
 * `{name}` is a parameter, filled in as given (ids, numbers, times are never translated).
 */
import type { Language } from './language.ts';

type Texts = Readonly<Record<Language, string>>;

export const MESSAGES = {
  // Problem titles, one per problem type (functions/edge/problems.ts).
  'problem.validation': { en: 'Invalid request', 'zh-CN': '请求无效' },
  'problem.unauthorized': { en: 'Unauthorized', 'zh-CN': '未登录或登录已失效' },
  'problem.forbidden': { en: 'Forbidden', 'zh-CN': '无权操作' },
  'problem.not-found': { en: 'Not found', 'zh-CN': '未找到' },
  'problem.conflict': { en: 'Conflict', 'zh-CN': '状态冲突' },
  'problem.payload-too-large': { en: 'Payload too large', 'zh-CN': '内容过大' },
  'problem.unsupported-media-type': { en: 'Unsupported media type', 'zh-CN': '不支持的内容类型' },
  'problem.unaccounted-households': { en: 'Households not accounted for', 'zh-CN': '仍有住户未落实' },
  'problem.task-limit': { en: 'Task limit reached', 'zh-CN': '已达任务上限' },
  'problem.precondition-failed': { en: 'Precondition failed', 'zh-CN': '内容已被他人修改' },
  'problem.import-incomplete': { en: 'Import incomplete', 'zh-CN': '导入未完成' },
  'problem.idempotency-key-reused': { en: 'Idempotency-Key reused', 'zh-CN': '幂等键已用于其他请求' },
  'problem.internal': { en: 'Internal error', 'zh-CN': '服务器内部错误' },
  'problem.gone': { en: 'Gone', 'zh-CN': '已失效' },
  'problem.too-many-requests': { en: 'Too many requests', 'zh-CN': '请求过于频繁' },

  // What the edge itself refuses (functions/edge/http.ts).
  'edge.no-route': { en: 'no route {route} in {resource}', 'zh-CN': '{resource} 中没有路由 {route}' },
  'edge.role-may-not': { en: 'role {role} may not {operation}', 'zh-CN': '角色 {role} 不能执行 {operation}' },
  'edge.no-claims': { en: 'no verified token claims', 'zh-CN': '令牌未通过验证' },
  'edge.no-identity': { en: 'token lacks sub or username', 'zh-CN': '令牌缺少用户标识' },
  'edge.no-role': { en: 'the user belongs to no role group', 'zh-CN': '该用户不属于任何角色组' },
  'edge.many-roles': { en: 'the user belongs to more than one role group', 'zh-CN': '该用户属于多个角色组' },
  'edge.send-json': { en: 'send application/json, not {type}', 'zh-CN': '请以 application/json 发送，而非 {type}' },
  'edge.send-one-of': { en: 'send one of {accepted}, not {type}', 'zh-CN': '请以 {accepted} 之一发送，而非 {type}' },
  'edge.no-content-type': { en: 'no Content-Type', 'zh-CN': '未声明 Content-Type' },
  'field.not-json': { en: 'is not valid JSON', 'zh-CN': '不是有效的 JSON' },
  'field.empty-file': { en: 'is empty: send the file as the body', 'zh-CN': '为空：请把文件作为请求体发送' },
  'field.unknown': { en: 'is not a known field', 'zh-CN': '不是可识别的字段' },
  'field.one-of': { en: 'must be one of {values}', 'zh-CN': '必须是以下之一：{values}' },
  'field.required': { en: 'is required', 'zh-CN': '为必填项' },
  'field.future': { en: 'lies in the future', 'zh-CN': '不能晚于当前时间' },
  'field.must-be-future': { en: 'must lie in the future', 'zh-CN': '必须晚于当前时间' },
  'field.not-cursor': { en: 'is not a cursor this API issued', 'zh-CN': '不是本接口签发的分页游标' },
  'field.not-cursor-of-list': { en: 'is not a cursor of this list', 'zh-CN': '不是此列表的分页游标' },

  // Preconditions (If-Match).
  'precondition.stale': {
    en: '{what} was changed by someone else since the version If-Match names; read it again, then decide anew',
    'zh-CN': '{what} 在您读取之后已被他人修改；请重新读取后再决定',
  },
  'thing.compound': { en: 'compound {id}', 'zh-CN': '小区 {id}' },
  'thing.exit': { en: 'exit {id}', 'zh-CN': '出入口 {id}' },
  'thing.help': { en: 'help request {id}', 'zh-CN': '求助 {id}' },

  // Jurisdiction and lookups (functions/edge/access.ts and handlers).
  'access.no': { en: 'no {what}', 'zh-CN': '没有{what}' },
  'access.outside': { en: '{what} is outside your jurisdiction', 'zh-CN': '{what} 不在您的管辖范围内' },
  'access.no-compound': { en: 'no compound {id}', 'zh-CN': '没有小区 {id}' },
  'access.no-community': { en: 'no community {id}', 'zh-CN': '没有社区 {id}' },
  'access.no-street': { en: 'no street {id}', 'zh-CN': '没有街道 {id}' },
  'access.no-grid': { en: 'no grid {id}', 'zh-CN': '没有网格 {id}' },
  'access.no-exit': { en: 'no exit {id}', 'zh-CN': '没有出入口 {id}' },
  'access.no-task': { en: 'no task {id}', 'zh-CN': '没有任务 {id}' },
  'access.no-campaign': { en: 'no campaign {id}', 'zh-CN': '没有排查活动 {id}' },
  'access.no-alert': { en: 'no alert {id}', 'zh-CN': '没有预警 {id}' },
  'access.no-enclosure': { en: 'no enclosure {id}', 'zh-CN': '没有合围 {id}' },
  'access.no-building': { en: 'no building {building} in compound {compound}', 'zh-CN': '小区 {compound} 中没有楼栋 {building}' },
  'access.community-outside': { en: 'community {id} is outside your jurisdiction', 'zh-CN': '社区 {id} 不在您的管辖范围内' },
  'access.street-outside': { en: 'street {id} is outside your jurisdiction', 'zh-CN': '街道 {id} 不在您的管辖范围内' },
  'access.task-outside': { en: 'task {id} is outside your jurisdiction', 'zh-CN': '任务 {id} 不在您的管辖范围内' },
  'access.campaign-outside': { en: 'campaign {id} is outside your jurisdiction', 'zh-CN': '排查活动 {id} 不在您的管辖范围内' },
  'access.alert-outside': { en: 'alert {id} is outside your jurisdiction', 'zh-CN': '预警 {id} 不在您的管辖范围内' },
  'access.enclosure-outside': { en: 'enclosure {id} is outside your jurisdiction', 'zh-CN': '合围 {id} 不在您的管辖范围内' },
  'access.scope-outside': { en: 'the {scope} scope is outside your jurisdiction', 'zh-CN': '该{scope}范围不在您的管辖范围内' },
  'access.not-on-duty': { en: 'you are not on duty at exit {id}', 'zh-CN': '您不在出入口 {id} 值守' },

  // Tasks (shared/domain/tasks.ts, functions/stores/task-*.ts, functions/api/tasks.ts).
  'task.done': { en: 'the task is done', 'zh-CN': '该任务已完成' },
  'task.held-by-you': { en: 'you hold this task already; extend it instead', 'zh-CN': '您已领取该任务；如需更多时间请延期' },
  'task.taken': { en: 'the task is held by another worker until {until}', 'zh-CN': '该任务已被其他人领取，至 {until}' },
  'task.not-holder': { en: 'you do not hold this task; claim it first', 'zh-CN': '您尚未领取该任务；请先领取' },
  'task.lease-lapsed': { en: 'your lease on this task has lapsed; claim it again', 'zh-CN': '您对该任务的领取已过期；请重新领取' },
  'task.claimed-meanwhile': { en: 'task {id} was claimed by someone else meanwhile', 'zh-CN': '任务 {id} 刚刚已被他人领取' },
  'task.changed-meanwhile': { en: 'task {id} changed meanwhile; read it again', 'zh-CN': '任务 {id} 刚刚有变动；请刷新后重试' },
  'task.gone': { en: 'the task is gone', 'zh-CN': '该任务已不存在' },
  'task.limit': {
    en: 'you hold {limit} tasks, the most one worker may hold; complete or release one first',
    'zh-CN': '您已领取 {limit} 个任务，已达每人上限；请先完成或释放一个',
  },
  'task.unaccounted': {
    en: '{count} households are not accounted for: visit them (no answer needs a revisit) before completing',
    'zh-CN': '还有 {count} 户未落实：完成前请走访（无人应答的需要复访）',
  },
  'task.household.not_visited': { en: 'not visited', 'zh-CN': '未走访' },
  'task.household.no_answer': { en: 'no answer: visit again', 'zh-CN': '无人应答，需复访' },
  'task.not-your-grid': { en: 'task {id} belongs to grid {grid}, not yours', 'zh-CN': '任务 {id} 属于网格 {grid}，不是您的' },
  'task.not-your-compound': {
    en: "task {id} belongs to compound {compound}'s disinfection staff, not yours",
    'zh-CN': '任务 {id} 属于小区 {compound} 的消杀人员，不是您的',
  },
  'task.campaign-not-workable': { en: 'campaign {id} is {status}', 'zh-CN': '排查活动 {id} {status}' },
  'task.campaign-list-needs-id': { en: 'is required: name the campaign whose tasks to list', 'zh-CN': '为必填项：请指明要列出哪个活动的任务' },
  'task.areas-required': { en: 'is required: the areas disinfected', 'zh-CN': '为必填项：请填写已消杀的区域' },
  'task.sweep-no-body': {
    en: 'a sweep task completes without a body: every household must be accounted for',
    'zh-CN': '走访任务完成时不带内容：每户都必须已落实',
  },
  'task.visit-id-used': { en: 'visit id {id} is already in use; a new visit needs a new visitId', 'zh-CN': '走访编号 {id} 已被使用；新的走访需要新的 visitId' },
  'task.visit-differs': { en: 'visit {id} was recorded with different content; a new visit needs a new visitId', 'zh-CN': '走访 {id} 已以不同内容记录；新的走访需要新的 visitId' },

  // Campaign states as a parameter.
  'campaign.status.fanning-out': { en: 'fanning-out', 'zh-CN': '正在派发' },
  'campaign.status.active': { en: 'active', 'zh-CN': '进行中' },
  'campaign.status.done': { en: 'done', 'zh-CN': '已结束' },
  'campaign.status.cancelled': { en: 'cancelled', 'zh-CN': '已取消' },
  'campaign.status.gone': { en: 'gone', 'zh-CN': '已不存在' },
  'campaign.cancel-outside': {
    en: 'only those whose jurisdiction holds the whole scope may cancel campaign {id}',
    'zh-CN': '只有管辖范围覆盖整个活动范围的人员才能取消排查活动 {id}',
  },
  // Changes that met another change (conditional writes).
  'change.meanwhile': {
    en: '{what} was changed by someone else meanwhile; read it again and retry',
    'zh-CN': '{what} 刚刚已被他人修改；请刷新后重试',
  },
  'entry.differs': {
    en: 'entry {id} is registered with other details; a new registration needs a new entryId',
    'zh-CN': '登记 {id} 已以不同内容登记；新的登记需要新的 entryId',
  },
  'case.differs': {
    en: 'case {id} was reported with different content; a new report needs a new caseId',
    'zh-CN': '病例 {id} 已以不同内容上报；新的上报需要新的 caseId',
  },
  'case.raced': { en: 'case {id} raced another report; send it again', 'zh-CN': '病例 {id} 与另一次上报冲突；请重新提交' },

  // Visits (shared/domain/visits.ts).
  'visit.not-household': { en: "is not a household of this task's building", 'zh-CN': '不是该任务楼栋中的住户' },
  'visit.people-at-least-1': { en: 'must be at least 1 when the outcome is {outcome}', 'zh-CN': '结果为 {outcome} 时至少为 1' },
  'visit.people-zero': { en: 'must be 0 when the outcome is {outcome}', 'zh-CN': '结果为 {outcome} 时必须为 0' },
  'visit.symptoms-nobody-met': { en: 'must be empty when nobody was met ({outcome})', 'zh-CN': '未见到人（{outcome}）时必须为空' },
  'visit.symptom-twice': { en: 'lists a symptom twice', 'zh-CN': '重复列出了同一症状' },

  // Disinfection (shared/domain/disinfection.ts, functions/api/disinfection.ts).
  'disinfection.foreign-areas': { en: "not in this task's area set ({planned}): {foreign}", 'zh-CN': '不在该任务的区域范围（{planned}）内：{foreign}' },
  'disinfection.reason-missing': { en: 'is required when areas are left out ({left})', 'zh-CN': '有区域未消杀（{left}）时为必填项' },
  'disinfection.not-yours': { en: 'compound {id} is not one you disinfect', 'zh-CN': '小区 {id} 不由您负责消杀' },

  // Exits (functions/api/exits.ts).
  'exit.official-confirms-only': {
    en: 'officials may confirm a sealing, not open, seal or designate exits',
    'zh-CN': '督查人员只能确认封闭，不能开启、封闭或指定出入口',
  },
  'exit.open-no-sealing': { en: 'exit {id} is open: seal it before confirming its sealing', 'zh-CN': '出入口 {id} 处于开启状态：确认封闭前请先封闭' },

  // Sealing and enclosures (shared/domain/sealing.ts, functions/api/sealing.ts).
  'sealing.already-at-level': { en: 'the compound is already {level}', 'zh-CN': '该小区已处于{level}状态' },
  'sealing.not-sealed': { en: 'the compound is {from}, not sealed', 'zh-CN': '该小区为{from}状态，未封闭' },
  'compound.status.closed': { en: 'closed', 'zh-CN': '封闭管理' },
  'compound.status.lockdown': { en: 'lockdown', 'zh-CN': '封控' },
  'compound.status.normal': { en: 'normal', 'zh-CN': '正常' },
  'compound.status.lifted': { en: 'lifted', 'zh-CN': '已解封' },
  'sealing.no-responsibility-list': { en: 'compound {id} has no responsibility list yet', 'zh-CN': '小区 {id} 尚无责任清单' },
  'sealing.no-compounds': { en: 'no compound {ids}', 'zh-CN': '没有小区 {ids}' },
  'sealing.compounds-outside': { en: 'compound {ids} is outside your jurisdiction', 'zh-CN': '小区 {ids} 不在您的管辖范围内' },
  'sealing.one-community': { en: 'an enclosure lies within one community', 'zh-CN': '一个合围只能在同一个社区内' },

  // Alerts (shared/domain/alerts.ts).
  'alert.not-for-role': {
    en: 'a {kind} alert is closed by {closers} staff, not by {role} staff (alert {id})',
    'zh-CN': '{kind}预警由{closers}人员关闭，{role}人员不能关闭（预警 {id}）',
  },
  'alert.already-closed': { en: 'alert {id} was closed by {by} at {at}', 'zh-CN': '预警 {id} 已由 {by} 于 {at} 关闭' },
  // Acknowledge, assign, escalate, notify (issue 17).
  'alert.acknowledged-by-other': { en: 'alert {id} was acknowledged by {by} at {at}', 'zh-CN': '预警 {id} 已由 {by} 于 {at} 签收' },
  'alert.changed-meanwhile': { en: 'alert {id} was changed by someone else meanwhile; read it again', 'zh-CN': '预警 {id} 刚刚已被他人处理，请重新读取' },
  'alert.assignee-not-staff': { en: 'is not a staff member of the directory', 'zh-CN': '不在工作人员名录中' },
  'notification.not-yours': { en: 'no such unread notification of yours', 'zh-CN': '没有这条您的未读通知' },
  'alert.kind.symptoms': { en: 'symptoms on a visit', 'zh-CN': '排查发现症状' },
  'alert.kind.fever': { en: 'fever at a gate', 'zh-CN': '卡口发热' },
  'alert.kind.lockdown_suggested': { en: 'lockdown suggested', 'zh-CN': '建议封控' },
  'alert.kind.help': { en: 'help request', 'zh-CN': '紧急求助' },
  'alert.kind.missed_reports': { en: 'missed health reports', 'zh-CN': '健康申报漏报' },
  'alert.kind.positive_test': { en: 'positive test', 'zh-CN': '核酸阳性' },
  'alert.kind.missed_clock_in': { en: 'missed clock-in', 'zh-CN': '值守未到岗' },
  'alert.kind.missed_round': { en: 'missed disinfection round', 'zh-CN': '消杀未完成' },
  'alert.kind.daily_report_missing': { en: 'daily report missing', 'zh-CN': '日报告未报' },
  'alert.kind.inspection_overdue': { en: 'inspection finding overdue', 'zh-CN': '督查整改逾期' },
  'alert.kind.order_overdue': { en: 'order not accepted in time', 'zh-CN': '代购订单超时未接单' },
  'alert.level.community': { en: 'community', 'zh-CN': '社区' },
  'alert.level.street': { en: 'street', 'zh-CN': '街道' },
  'alert.level.city': { en: 'city', 'zh-CN': '市级' },
  'alert.notice-raised': { en: '[Cordon] {kind}: {compound}, {time}. Please acknowledge.', 'zh-CN': '【Cordon】{kind}预警：{compound}，{time}。请及时签收处置。' },
  'alert.notice-escalated': {
    en: '[Cordon] {kind}: {compound}, raised {time}, not acknowledged in time; now with the {level}.',
    'zh-CN': '【Cordon】{kind}预警：{compound}，{time}发生，未按时签收，已上报{level}。',
  },
  'alert.assignee-outside': {
    en: '{to} ({role}) has no jurisdiction over compound {compound} of alert {id}',
    'zh-CN': '{to}（{role}）对预警 {id} 所在小区 {compound} 无管辖权',
  },

  // Campaigns, cases, duty, entries, public pages.
  'campaign.is': { en: 'campaign {id} is {status}', 'zh-CN': '排查活动 {id} {status}' },
  'drop-off.too-far': {
    en: 'lies {metres} m from compound {compound}; a drop-off point must be within {limit} m of it',
    'zh-CN': '距离小区 {compound} {metres} 米；物品存放点须在小区 {limit} 米以内',
  },
  'case.date-future': { en: 'must not lie in the future (today in China is {today})', 'zh-CN': '不能晚于今天（北京时间今天是 {today}）' },
  'case.from-after-to': { en: 'must not lie after to', 'zh-CN': '不能晚于结束日期' },
  'case.span-too-long': { en: 'spans more than {days} days', 'zh-CN': '跨度超过 {days} 天' },
  'public.date-future': { en: 'must not be in the future (today in China is {today})', 'zh-CN': '不能晚于今天（北京时间今天是 {today}）' },
  'public.date-too-old': { en: 'must be within the last {days} days (from {oldest})', 'zh-CN': '必须在最近 {days} 天内（自 {oldest} 起）' },
  'pass.no': { en: 'no pass {passId} in compound {id}', 'zh-CN': '小区 {id} 没有出入证 {passId}' },
  'pass.already-revoked': { en: 'pass {passId} was revoked by {by} at {at}', 'zh-CN': '出入证 {passId} 已由 {by} 于 {at} 注销' },
  'pass.observation': {
    en: 'a returnee gets a pass only after {days} days of home observation: from {from}',
    'zh-CN': '返回人员须居家观察满 {days} 天后方可办理出入证：自 {from} 起',
  },
  'pass.under-observation': {
    en: 'belongs to a person under home observation in this compound: a pass is issued once they are released',
    'zh-CN': '该证件号对应本小区居家观察人员：解除观察后方可办理出入证',
  },
  'pass.qr-other-pass': { en: 'is pass {qrPass}, not {passId}', 'zh-CN': '是出入证 {qrPass}，而非 {passId}' },
  'pass.refused.bad_signature': { en: 'is not a pass Cordon issued (bad signature)', 'zh-CN': '不是本系统签发的出入证（签名无效）' },
  'pass.refused.other_compound': { en: 'is a pass of another compound', 'zh-CN': '是其他小区的出入证' },
  'pass.refused.revoked': { en: 'is a revoked pass: register the person as refused', 'zh-CN': '出入证已注销：请登记为劝返' },
  'pass.refused.expired': { en: 'is an expired pass: register the person as refused', 'zh-CN': '出入证已过期：请登记为劝返' },
  'pass.refused.not_yet_valid': { en: 'is a pass not yet valid: register the person as refused', 'zh-CN': '出入证尚未生效：请登记为劝返' },
  'duty.window': { en: 'the window from {from} to {to} must run forwards, at most 14 days', 'zh-CN': '时间段 {from} 至 {to} 须先后有序，且不超过 14 天' },
  'duty.no-shift-now': { en: 'you have no shift at exit {id} now', 'zh-CN': '您此刻在出入口 {id} 没有班次' },
  'duty.not-clocked-in': { en: 'you are not clocked in at exit {id}', 'zh-CN': '您未在出入口 {id} 打卡上岗' },
  'duty.clocked-in-already': { en: 'you clocked in for this shift at {at}', 'zh-CN': '您已于 {at} 为本班次打卡' },
  'duty.not-duty-staff': { en: '{person} is not duty staff of compound {id}', 'zh-CN': '{person} 不是小区 {id} 的卡口值守人员' },
  'staff.field-needed': { en: '{role} staff need {field}', 'zh-CN': '{role} 角色的人员须填写 {field}' },
  'staff.field-not-for-role': { en: '{role} staff have no {field}', 'zh-CN': '{role} 角色的人员不应填写 {field}' },
  'staff.no-grid': { en: 'there is no grid {id}', 'zh-CN': '网格 {id} 不存在' },
  'staff.no-person': { en: 'no one in the staff directory is called {username}', 'zh-CN': '人员名录中没有 {username}' },
  'staff.no-compound': { en: 'there is no compound {id}', 'zh-CN': '小区 {id} 不存在' },
  'staff.exit-elsewhere': { en: 'exit {id} is not an exit of the given compounds', 'zh-CN': '出入口 {id} 不属于所填小区' },
  'staff.place-mismatch': { en: '{field} {id} does not match the grid or community given', 'zh-CN': '{field} {id} 与所填网格或社区不符' },
  'staff.outside': { en: 'you may not create {role} staff there', 'zh-CN': '您无权在该范围内添加 {role} 角色的人员' },
  'staff.taken': { en: 'username {username} is taken', 'zh-CN': '用户名 {username} 已被占用' },
  'entry.fever-escort': {
    en: 'a fever needs the escort to the designated hospital recorded',
    'zh-CN': '发热人员须登记转运至定点医院的情况',
  },

  // Geometry (shared/geo/validate.ts): what is wrong with an outline, said where it lies.
  'geo.not-rings': { en: 'must be the rings of a {type}', 'zh-CN': '必须是 {type} 的环' },
  'geo.too-many-positions': { en: 'has {count} positions; at most {max} (simplify the outline)', 'zh-CN': '有 {count} 个坐标点；最多 {max} 个（请简化轮廓）' },
  'geo.no-area': { en: 'encloses no area', 'zh-CN': '没有围出面积' },
  'geo.too-big': { en: 'encloses {area} km²; {what} is at most {max} km²', 'zh-CN': '面积 {area} 平方公里；{what}最大 {max} 平方公里' },
  'geo.what.compound': { en: 'a compound', 'zh-CN': '小区' },
  'geo.what.building': { en: 'a building', 'zh-CN': '楼栋' },
  'geo.what.community': { en: 'a community', 'zh-CN': '社区' },
  'geo.what.area': { en: 'an area', 'zh-CN': '区域' },
  'geo.not-a-ring': { en: 'must be a ring: an array of positions', 'zh-CN': '必须是环：坐标点数组' },
  'geo.bad-position': { en: 'must be [longitude, latitude] within ±180/±90', 'zh-CN': '必须是 ±180/±90 之内的 [经度, 纬度]' },
  'geo.ring-min-positions': { en: 'a ring needs at least 4 positions', 'zh-CN': '环至少需要 4 个坐标点' },
  'geo.ring-min-corners': { en: 'a ring needs at least 3 distinct corners', 'zh-CN': '环至少需要 3 个不同的顶点' },
  'geo.ring-self-touch': {
    en: 'the ring touches itself: its edge from position {to} meets its edge from position {from}',
    'zh-CN': '环自相接触：自第 {to} 点起的边与自第 {from} 点起的边相交',
  },
  'geo.ring-self-cross': {
    en: 'the ring crosses itself: its edge from position {to} meets its edge from position {from}',
    'zh-CN': '环自相交叉：自第 {to} 点起的边与自第 {from} 点起的边相交',
  },
  'geo.shares-edge': { en: 'shares an edge with {ring}: rings may meet only at single points', 'zh-CN': '与{ring}共用一条边：环之间只能在单点相接' },
  'geo.crosses': { en: 'crosses {ring}: rings may meet only at single points', 'zh-CN': '与{ring}交叉：环之间只能在单点相接' },
  'geo.ring.outer': { en: 'the outer ring', 'zh-CN': '外环' },
  'geo.ring.hole': { en: 'hole {index}', 'zh-CN': '洞 {index}' },
  'geo.ring.of-polygon': { en: '{ring} of polygon {polygon}', 'zh-CN': '多边形 {polygon} 的{ring}' },
  'geo.hole-outside': { en: 'lies outside the outer ring: a hole must lie inside it', 'zh-CN': '位于外环之外：洞必须在外环之内' },
  'geo.hole-in-hole': { en: 'lies inside hole {index}: holes must not overlap', 'zh-CN': '位于洞 {index} 之内：洞之间不能重叠' },
  'geo.part-overlap': { en: 'lies on polygon {polygon}: the parts of a MultiPolygon must not overlap', 'zh-CN': '位于多边形 {polygon} 之上：MultiPolygon 的各部分不能重叠' },

  // The local runtime's own routes and paths (infra/local/api-server.ts).
  'local.username-required': { en: 'body.username: give a demo username', 'zh-CN': 'body.username：请提供演示用户名' },
  'local.no-user': { en: 'no demo user {username}', 'zh-CN': '没有演示用户 {username}' },
  'local.bad-path': {
    en: 'is not a valid URL path: a "%" must begin an escape such as %2F, of UTF-8 bytes',
    'zh-CN': '不是有效的 URL 路径："%" 必须开始一个 UTF-8 字节的转义，如 %2F',
  },

  // Imports (functions/flows/import/importer.ts).
  'import.body-too-large': {
    en: 'the body has {bytes} bytes; send at most {limit} (the CLI splits files)',
    'zh-CN': '请求体有 {bytes} 字节；最多 {limit} 字节（命令行工具会自动拆分文件）',
  },
  'import.boundaries-city-only': { en: 'only city staff import community boundaries', 'zh-CN': '只有市级人员可以导入社区边界' },

  // Messages of the request schemas (shared/schemas/), said through their issue's `params.said`.
  'schema.geometry-or-location': { en: 'give a geometry (Polygon/MultiPolygon) or a location [lng, lat]', 'zh-CN': '请提供范围（Polygon/MultiPolygon）或位置 [经度, 纬度]' },
  'schema.drop-off-where': { en: 'give a description or a point [lng, lat]', 'zh-CN': '请提供位置描述或坐标 [经度, 纬度]' },
  'schema.change-something': { en: 'give at least one field to change', 'zh-CN': '请至少提供一个要修改的字段' },
  'schema.compound-twice': { en: 'names a compound twice', 'zh-CN': '重复列出了同一个小区' },
  'schema.ring-closed': { en: 'a ring must be closed (first position equals last)', 'zh-CN': '环必须闭合（首尾坐标相同）' },
  'schema.bbox-four': { en: 'must be four numbers: minLng,minLat,maxLng,maxLat', 'zh-CN': '必须是四个数：最小经度,最小纬度,最大经度,最大纬度' },
  'schema.bbox-range': { en: 'must lie within ±180/±90 with min ≤ max', 'zh-CN': '必须在 ±180/±90 之内，且最小值 ≤ 最大值' },
  'schema.bbox-too-big': { en: 'spans more than {deg}° a side; zoom in', 'zh-CN': '边长超过 {deg}°；请放大地图' },
  'schema.time-range': { en: 'must lie from {from} up to {to}', 'zh-CN': '必须在 {from} 至 {to} 之间' },
  'schema.day-range': { en: 'must lie from {from} to {to}', 'zh-CN': '必须在 {from} 至 {to} 之间' },
  'schema.temperature-needed': { en: 'give the temperature measured', 'zh-CN': '请填写测得的体温' },
  'schema.refusal-reason-needed': { en: 'say why the person was refused', 'zh-CN': '请说明劝返原因' },
  'schema.returnee-needs-name': { en: 'a returnee is enrolled for observation by name: give person.name', 'zh-CN': '返乡人员需登记姓名以纳入健康观察：请填写 person.name' },
  'schema.if-match': { en: 'must be * or a list of entity tags, e.g. "v3"', 'zh-CN': '必须是 * 或实体标签列表，如 "v3"' },
  'schema.idempotency-key': { en: 'must be 8 to 100 characters of A-Z, a-z, 0-9, _ . : -', 'zh-CN': '须为 8 至 100 个字符，仅限 A-Z、a-z、0-9 及 _ . : -' },
  'schema.city-no-id': { en: 'a city scope takes no id', 'zh-CN': '全市范围不需要 id' },
  'schema.scope-needs-id': { en: "a {scope} scope needs the {scope}'s id", 'zh-CN': '{scope}范围需要提供该{scope}的 id' },
  'schema.columns-pair': { en: '"{pair}" is not field:Header', 'zh-CN': '"{pair}" 不是 字段:表头 的形式' },
  'schema.open-no-sealing': { en: 'an open exit has no sealing to confirm', 'zh-CN': '开启的出入口没有可确认的封闭' },
  'schema.until-after-from': { en: 'must be after validFrom', 'zh-CN': '必须晚于生效时间' },
  'schema.end-after-start': { en: 'must be after start', 'zh-CN': '必须晚于开始时间' },
  'schema.shift-24h': { en: 'a shift lasts at most 24 hours', 'zh-CN': '一个班次最长 24 小时' },
  'schema.last-shift-by': { en: 'its last shift must end by {latest}', 'zh-CN': '最后一个班次须在 {latest} 前结束' },
  'schema.to-after-from': { en: 'must be after from, at most 14 days later', 'zh-CN': '必须晚于开始时间，且不超过 14 天' },
  'schema.unstorable-number': {
    en: 'must be 0 or between 1e-130 and 1e126 in size (DynamoDB stores no other number)',
    'zh-CN': '必须为 0，或绝对值在 1e-130 至 1e126 之间（DynamoDB 无法存储其他数值）',
  },
  // Emergency help (functions/api/help-requests.ts, functions/stores/help-store.ts).
  'help.differs': {
    en: 'help request {id} was recorded with other details; make a new requestId for a new request',
    'zh-CN': '求助 {id} 已以不同内容登记；新的求助请使用新的 requestId',
  },
  'help.closed-meanwhile': { en: 'help request {id} was closed by someone else meanwhile', 'zh-CN': '求助 {id} 刚刚已被他人办结' },
  'help.already-closed': { en: 'help request {id} was closed by {by} at {at}', 'zh-CN': '求助 {id} 已由 {by} 于 {at} 办结' },
  // Idempotency-Key (functions/edge/idempotency.ts, functions/stores/idempotency-store.ts).
  'idempotency.key-reused': {
    en: 'this Idempotency-Key was used for a different request; make a new key for a new action',
    'zh-CN': '此幂等键已用于另一个请求；新的操作请使用新的键',
  },
  'idempotency.answered-meanwhile': {
    en: 'a request with this Idempotency-Key was answered meanwhile; send it again to read the answer',
    'zh-CN': '使用此幂等键的请求刚刚已处理；请重新发送以获取结果',
  },
  'field.used-for-other-request': { en: 'was used for a different request', 'zh-CN': '已用于另一个请求' },
  // Residents' links and their public report route (functions/api/public-reports.ts).
  'link.refused.bad': { en: 'this link is not valid', 'zh-CN': '链接无效' },
  'link.refused.wrong_purpose': { en: 'this link is not valid', 'zh-CN': '链接无效' },
  'link.refused.unknown': { en: 'this link is not valid', 'zh-CN': '链接无效' },
  'link.refused.revoked': { en: 'this link was withdrawn; ask your grid worker for a new one', 'zh-CN': '链接已作废，请向网格员索取新链接' },
  'link.refused.expired': { en: 'this link has expired', 'zh-CN': '链接已过期' },
  'link.released': { en: 'the observation has ended: no more reports are needed', 'zh-CN': '观察期已结束，无需再申报' },
  'link.rate-limited': { en: 'too many reports from this link; try again in a minute', 'zh-CN': '申报过于频繁，请一分钟后再试' },
  'link.no-slot-open': { en: 'no report slot is open now; the next opens at {opens}', 'zh-CN': '当前不在申报时段，下一时段 {opens} 开始' },
  'link.no-slot-left': { en: 'no report slot is open now, and the observation period has no further slot', 'zh-CN': '当前不在申报时段，观察期内已无后续时段' },

  // People under care (functions/api/people.ts, functions/stores/people-store.ts).
  'schema.paired-with-needed': { en: 'a vulnerable resident needs a cadre to pair with (a staff username)', 'zh-CN': '重点关爱对象须结对一名干部（填写工作人员用户名）' },
  'schema.force-needs-note': { en: 'say why the release is forced', 'zh-CN': '请说明强制解除的原因' },
  'thing.person': { en: 'person {id}', 'zh-CN': '人员 {id}' },
  'thing.grid': { en: 'grid {id}', 'zh-CN': '网格 {id}' },
  'person.no': { en: 'no person {id}', 'zh-CN': '没有人员 {id}' },
  'person.exists': { en: 'person {id} is enrolled already', 'zh-CN': '人员 {id} 已登记' },
  'person.changed-meanwhile': { en: 'person {id} was changed by someone else meanwhile; read again', 'zh-CN': '人员 {id} 刚刚已被他人修改，请重新读取' },
  'person.report-raced': { en: 'a report of person {id} was recorded meanwhile; send it again', 'zh-CN': '人员 {id} 刚刚已有申报，请重新发送' },
  'person.released': { en: 'person {id} was released by {by} at {at}', 'zh-CN': '人员 {id} 已由 {by} 于 {at} 解除' },
  'person.no-staff': { en: 'is not a staff member of the directory', 'zh-CN': '不在工作人员名录中' },
  'person.building-other-grid': { en: 'building {id} lies in another grid than yours', 'zh-CN': '楼栋 {id} 不在您的网格内' },
  'person.outside-grid': { en: 'person {id} is outside your grid', 'zh-CN': '人员 {id} 不在您的网格内' },
  'person.not-observed': { en: 'person {id} is not under observation (a vulnerable resident reports no slots)', 'zh-CN': '人员 {id} 不在观察期（重点关爱对象无需申报）' },
  'person.outside-period': { en: 'lies outside the observation period ({start} to {end})', 'zh-CN': '不在观察期内（{start} 至 {end}）' },
  'person.slot-not-open': { en: 'its window opens at {opens}', 'zh-CN': '该时段 {opens} 才开始' },
  'person.no-slot-open': { en: 'no report window is open now (the next, {slot} on {date}, opens at {opens}); name the slot to fill', 'zh-CN': '当前不在申报时段（下一时段 {date} {slot} 于 {opens} 开始）；请指定要填报的时段' },
  'person.date-needs-slot': { en: 'give the slot (am or pm) with the date', 'zh-CN': '填写日期时请同时指定时段（am 或 pm）' },
  'person.start-future': { en: 'must not lie after today in China ({today})', 'zh-CN': '不能晚于北京时间今天（{today}）' },
  'person.not-releasable': { en: 'person {id} may not be released yet: {reasons}; force it with a note if you must', 'zh-CN': '人员 {id} 尚不满足解除条件：{reasons}；如确需解除，请强制解除并说明原因' },
  'person.no-link': { en: 'a vulnerable resident has no report link', 'zh-CN': '重点关爱对象没有申报链接' },
  'person.test-before-start': { en: 'must not lie before the period starts ({start})', 'zh-CN': '不能早于观察期开始（{start}）' },

  // Daily reports and zero reports (日报告、零报告), issue 17.
  'daily-report.not-zero': { en: 'compound {id} may not submit a zero report for {date}: the day had {reasons}', 'zh-CN': '小区 {id} {date} 不能零报告：当天有{reasons}' },
  'daily-report.abnormal.case': { en: 'a new case', 'zh-CN': '新增病例' },
  'daily-report.abnormal.fever': { en: 'a fever at an exit', 'zh-CN': '出入口发热人员' },
  'daily-report.abnormal.symptoms': { en: 'symptoms found', 'zh-CN': '发现症状人员' },
  'daily-report.abnormal.open_alert': { en: 'an open alert', 'zh-CN': '未关闭的预警' },
  'daily-report.list': { en: '{first}, {rest}', 'zh-CN': '{first}、{rest}' },
  'daily-report.final': { en: 'the daily report of compound {id} for {date} was submitted by {by} at {at} and the deadline has passed; it can no longer be changed', 'zh-CN': '小区 {id} {date} 的日报告已由 {by} 于 {at} 上报，且已过截止时间，不能再修改' },
  'daily-report.future': { en: 'must not lie after today in China ({today})', 'zh-CN': '不能晚于北京时间今天（{today}）' },
  'daily-report.raced': { en: 'the daily report of compound {id} for {date} was submitted by someone else meanwhile; read it again', 'zh-CN': '小区 {id} {date} 的日报告刚刚已被他人上报，请重新读取' },
  'daily-report.both-places': { en: 'give communityId or streetId, not both', 'zh-CN': 'communityId 与 streetId 只能填写一个' },

  'scope.city': { en: 'city', 'zh-CN': '全市' },
  'scope.street': { en: 'street', 'zh-CN': '街道' },
  'scope.community': { en: 'community', 'zh-CN': '社区' },
  'scope.grid': { en: 'grid', 'zh-CN': '网格' },
  'scope.compound': { en: 'compound', 'zh-CN': '小区' },

  // Inspections and the six in place (issue 17, part 5).
  'thing.inspection': { en: 'inspection {id}', 'zh-CN': '督导检查 {id}' },
  'inspection.exists': { en: 'inspection {id} is recorded already', 'zh-CN': '督导检查 {id} 已记录' },
  'inspection.changed-meanwhile': { en: 'inspection {id} was changed by someone else meanwhile; read it again', 'zh-CN': '督导检查 {id} 刚刚已被他人修改，请重新读取' },
  'inspection.not-responsible': { en: 'is not a name on the compound\'s responsibility list ({names})', 'zh-CN': '不在小区责任体系名单中（{names}）' },
  'inspection.no-responsibility': { en: 'the compound has no responsibility list posted yet', 'zh-CN': '该小区尚未公示责任体系' },
  'inspection.finding-needed': { en: 'say what was found when the item is not in place', 'zh-CN': '未到位的项目请填写发现的问题' },
  'inspection.duplicate-key': { en: 'item {key} is checked twice', 'zh-CN': '项目 {key} 重复' },
  'inspection.nothing-to-rectify': { en: 'inspection {id} found nothing to rectify', 'zh-CN': '督导检查 {id} 没有需要整改的问题' },
  'inspection.rectified': { en: 'inspection {id} was rectified by {by} at {at}', 'zh-CN': '督导检查 {id} 已由 {by} 于 {at} 整改' },
  'inspection.rectified-close-note': { en: 'Rectified (recorded by {by}): {note}', 'zh-CN': '已整改（{by}记录）：{note}' },
  'inspection.photo-type': { en: 'must be image/jpeg, image/png or image/webp', 'zh-CN': '必须是 image/jpeg、image/png 或 image/webp' },
  'inspection.photo-size': { en: 'must be at most 5 MB ({size} bytes given)', 'zh-CN': '不能超过 5 MB（实际 {size} 字节）' },

  // Households' links and their orders (issue 18, S2: functions/api/household-links.ts, public-orders.ts).
  'thing.household': { en: 'the household in building {building} of compound {compound}', 'zh-CN': '小区 {compound} 楼栋 {building} 的住户' },
  'household.not-a-link': { en: 'not a household link', 'zh-CN': '不是住户链接' },
  'household.rate-limited': { en: 'too many requests from this link; try again in a minute', 'zh-CN': '操作过于频繁，请一分钟后再试' },
  'household.no-drop-off-point': { en: 'no drop-off point {id} in this compound', 'zh-CN': '本小区没有存放点 {id}' },

  // Proxy purchase and delivery (代购配送), issue 18 (functions/api/orders.ts, functions/stores/order-store.ts, shared/domain/orders.ts).
  'thing.order': { en: 'order {id}', 'zh-CN': '订单 {id}' },
  'order.status.requested': { en: 'waiting for a volunteer', 'zh-CN': '待接单' },
  'order.status.accepted': { en: 'accepted', 'zh-CN': '已接单' },
  'order.status.purchased': { en: 'purchased', 'zh-CN': '已采购' },
  'order.status.delivered': { en: 'delivered to the drop-off point', 'zh-CN': '已送达存放点' },
  'order.status.collected': { en: 'collected', 'zh-CN': '已取件' },
  'order.status.cancelled': { en: 'cancelled', 'zh-CN': '已取消' },
  'order.action.accept': { en: 'accept', 'zh-CN': '接单' },
  'order.action.purchase': { en: 'purchase', 'zh-CN': '登记采购' },
  'order.action.deliver': { en: 'deliver', 'zh-CN': '登记送达' },
  'order.action.collect': { en: 'collect', 'zh-CN': '登记取件' },
  'order.action.cancel': { en: 'cancel', 'zh-CN': '取消' },
  'order.differs': {
    en: 'order {id} was placed with other details; make a new orderId for a new order',
    'zh-CN': '订单 {id} 已以不同内容提交；新的订单请使用新的 orderId',
  },
  'order.wrong-status': { en: 'order {id} is {status}: you cannot {action} it now', 'zh-CN': '订单 {id} 当前状态为“{status}”，不能{action}' },
  'order.taken': { en: 'order {id} was taken by {by} at {at}', 'zh-CN': '订单 {id} 已由 {by} 于 {at} 接单' },
  'order.not-holder': { en: 'order {id} is carried by {by}: only they or a community admin may {action}', 'zh-CN': '订单 {id} 由 {by} 负责：只有本人或社区工作人员可以{action}' },
  'order.role-may-not': { en: 'role {role} may not {action} an order', 'zh-CN': '角色 {role} 不能对订单{action}' },
  'order.not-for-household': { en: 'a household may not {action} on its link', 'zh-CN': '住户不能通过链接{action}' },
  'order.changed-meanwhile': { en: 'order {id} was changed by someone else meanwhile; read it again', 'zh-CN': '订单 {id} 刚刚已被他人更新，请重新读取' },
  'order.field-not-for-action': { en: 'is not taken when you {action}', 'zh-CN': '{action}时不需要此项' },
  'order.reason-needed': { en: 'say why the order is cancelled', 'zh-CN': '请说明取消原因' },
  'order.no-drop-off-point': { en: 'no drop-off point {id} in compound {compound}', 'zh-CN': '小区 {compound} 没有存放点 {id}' },
  'order.help-other-compound': { en: 'help request {id} is not of this household\'s compound', 'zh-CN': '求助 {id} 不属于该住户所在小区' },
  'order.accepted-close-note': { en: 'Accepted by {by}', 'zh-CN': '已由{by}接单' },
  'order.name-community': {
    en: 'name a community (communityId) or a compound (compoundId): orders above a community are read one community at a time',
    'zh-CN': '请指定社区（communityId）或小区（compoundId）：社区以上的订单按社区逐个查看',
  },
} as const satisfies Record<string, Texts>;

export type MessageKey = keyof typeof MESSAGES;

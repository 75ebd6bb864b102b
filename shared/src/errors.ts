/**
 * The closed set of error codes of the Aixin API, with their HTTP status and the
 * default message in Chinese and English. The server throws `AppError(code, …)`; the web
 * maps the same codes to words. Add codes here, never rename or drop one.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: '输入有误，请检查标出的字段', en: 'Some fields are invalid' },
  INVALID_ID_NUMBER: { status: 400, zh: '身份证号码无效', en: 'Invalid ID card number' },
  INVALID_PHONE: { status: 400, zh: '手机号码无效', en: 'Invalid mobile number' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in first' },
  BAD_CREDENTIALS: { status: 401, zh: '手机号或密码错误', en: 'Wrong phone number or password' },
  FORBIDDEN: { status: 403, zh: '无权进行此操作', en: 'You may not do this' },
  CSRF_FAILED: { status: 403, zh: '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page and try again' },
  NOT_FOUND: { status: 404, zh: '未找到', en: 'Not found' },
  CONFLICT: { status: 409, zh: '与已有数据冲突', en: 'Conflicts with existing data' },
  ALREADY_REGISTERED: { status: 409, zh: '该身份证号或手机号已注册', en: 'This person or phone number is already registered' },
  INSUFFICIENT_BALANCE: { status: 409, zh: '余额不足', en: 'Insufficient balance' },
  OUT_OF_STOCK: { status: 409, zh: '该商品库存不足', en: 'Out of stock' },
  INVALID_STATE: { status: 409, zh: '当前状态下不能进行此操作', en: 'Not possible in the current state' },
  CHECKIN_CODE_EXPIRED: { status: 422, zh: '签到码已过期，请重新扫码', en: 'The check-in code has expired; scan again' },
  OUTSIDE_GEOFENCE: { status: 422, zh: '不在活动地点范围内', en: 'You are outside the activity site' },
  NOT_SIGNED_UP: { status: 422, zh: '未报名该活动', en: 'Not signed up for this activity' },
  RELATION_NOT_VERIFIED: { status: 422, zh: '亲属关系尚未核验', en: 'The family relation is not verified yet' },
  SELF_BENEFIT: { status: 403, zh: '不能审批、确认或办理对自己（或本人所在队伍）有利的事项，须由他人办理', en: 'You cannot approve, confirm or carry out something that benefits yourself or your own team; someone else must' },
  RECOVERY_HOLD: { status: 403, zh: '账号刚通过验证码找回，暂不能转出积分或时间；请本人到服务站当面核验后再办理', en: 'This account was just recovered with a one-time code: nothing can leave it yet; the holder can have staff confirm them in person at a station' },
  WITHDRAW_AGE: { status: 422, zh: '未达到本地区支取时间的年龄', en: 'Below the age from which stored time may be withdrawn in this region' },
  BENEFIT_CARD_INVALID: { status: 422, zh: '权益卡码无效或已过期，请让志愿者刷新权益卡后重新扫码', en: 'The benefit card code is invalid or expired; ask the volunteer to refresh the card and scan again' },
  BENEFIT_NOT_AVAILABLE: { status: 409, zh: '该志愿者现在不能享受此项权益', en: 'This volunteer cannot use this benefit now' },
  IDEMPOTENCY_MISMATCH: { status: 409, zh: '该幂等键已用于另一笔不同的请求', en: 'This idempotency key was already used for a different request' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传的内容太大', en: 'The upload is too large' },
  NOT_ELIGIBLE: { status: 422, zh: '不符合参评条件', en: 'Not eligible for this award' },
  OUTSIDE_WINDOW: { status: 409, zh: '不在规定的时间段内', en: 'Outside the time window for this step' },
  ALREADY_VOTED: { status: 409, zh: '今天已为该候选者投过票，明天再来吧', en: 'You have already voted for this candidate today; come back tomorrow' },
  STEP_OUT_OF_ORDER: { status: 409, zh: '安置程序须按顺序办理，不能跳过或重复步骤', en: 'The placement procedure goes step by step; a step cannot be skipped or repeated' },
  NOT_IN_HARDSHIP_REGISTER: { status: 422, zh: '此人未在本地区困难人员名册中登记，不能安置到公益性岗位', en: 'This person is not in the hardship register of their region and cannot be placed' },
  ALREADY_PLACED: { status: 409, zh: '此人已在公益性岗位或正在安置程序中（一人一岗）', en: 'This person already holds a public-welfare post or is in a placement procedure (one post per person)' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many attempts; try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal server error; try again later' },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用，请稍后再试', en: 'Service unavailable; try again later' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

/** The one shape of every error answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

/** `该商品库存不足 / Out of stock` — the contract's bilingual message. */
export function bilingual(code: ErrorCode): string {
  const e = ERROR_CODES[code];
  return `${e.zh} / ${e.en}`;
}

export function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === 'object' && v !== null && 'error' in v && typeof (v as ErrorBody).error?.code === 'string';
}

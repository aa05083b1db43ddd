/**
 * Domain errors carry a code the API maps to a tRPC code, and a zh-CN message safe to show.
 * Nothing else (no SQL, no stack) ever reaches a user.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const MESSAGES = {
  loginFailed: '用户名或密码错误',
  loginLocked: '登录失败次数过多,账户已临时锁定,请 15 分钟后再试',
  loginThrottled: '该网络地址登录失败次数过多,请 15 分钟后再试',
  unauthenticated: '登录已过期,请重新登录',
  forbidden: '没有权限执行此操作',
  notFound: '记录不存在或无权访问',
  conflict: '数据已被他人修改,请刷新后重试',
  wrongPassword: '原密码不正确',
  samePassword: '新密码不能与原密码相同',
  duplicateUsername: '用户名已存在',
  duplicateUnit: '该行政区划下已有同名单位',
  inactiveUnit: '单位已停用',
  badInput: '输入不符合要求',
  internal: '系统繁忙,请稍后再试',
  dbUnavailable: '数据库暂时不可用,请稍后再试',
  csrf: '请求来源校验失败,请刷新页面后重试',
} as const;

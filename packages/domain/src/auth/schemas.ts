import { z } from 'zod';

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_RE, '用户名为 2–32 位小写字母、数字、点、下划线或连字符');

/** At least 8 characters with letters, digits and a symbol; at most 128. */
export const newPasswordSchema = z
  .string()
  .min(8, '密码至少 8 位')
  .max(128, '密码最多 128 位')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p) && /[^A-Za-z0-9]/.test(p), {
    message: '密码须同时包含字母、数字和符号',
  });

export const loginInput = z.object({
  username: z.string().trim().toLowerCase().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});
export type LoginInput = z.infer<typeof loginInput>;

export const changePasswordInput = z.object({
  oldPassword: z.string().min(1, '请输入原密码').max(128),
  newPassword: newPasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** Session lifetime rules, shared by API and web (the web warns before idle expiry). */
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MINUTES = 15;
/** Failures from one network address (any usernames) before the address is refused for the lock period. */
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 30;

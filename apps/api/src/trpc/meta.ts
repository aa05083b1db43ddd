import type { Action, SubjectType } from '@fz/domain';

/**
 * Every procedure declares what it needs. A test walks the router and fails on a procedure
 * without a declaration or without authorization-matrix cases.
 * - `public`: no session needed (login).
 * - `session`: any signed-in user acting on their own account (me, logout, changePassword).
 * - `{ action, subject }`: the CASL permission checked before the resolver runs; resolvers add
 *   per-record checks. A list of actions means any one of them (items.transition: the event
 *   names the action, checked on the record).
 */
export type Authz = 'public' | 'session' | { action: Action | readonly Action[]; subject: SubjectType };

export interface Meta {
  authz: Authz;
}

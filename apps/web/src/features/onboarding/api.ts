import { ONBOARDING_TEMPLATE_FILE } from '@fz/domain';
import { CSRF_HEADER } from '../../app/trpc';
import { downloadFile, httpErrorMessage } from '../../shared/download';

/** The onboarding files are plain HTTP routes beside the onboarding.* procedures. */

export interface UploadAnswer {
  id: number;
  /** The same file was already imported here (or is being imported): that import. */
  existing: boolean;
}

export class UploadError extends Error {}

export async function uploadOnboardingFile(file: File, failMessage: string): Promise<UploadAnswer> {
  const body = new FormData();
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch('/api/onboarding/imports', { method: 'POST', body, headers: CSRF_HEADER, credentials: 'same-origin' });
  } catch {
    throw new UploadError(failMessage);
  }
  if (!res.ok) throw new UploadError(await httpErrorMessage(res, failMessage));
  const json: unknown = await res.json();
  if (typeof json !== 'object' || json === null || !('id' in json) || typeof json.id !== 'number') throw new UploadError(failMessage);
  return { id: json.id, existing: 'existing' in json && json.existing === true };
}

export const downloadTemplate = (failMessage: string) => downloadFile('/api/onboarding/template.xlsx', ONBOARDING_TEMPLATE_FILE, failMessage);

export const downloadErrors = (id: number, failMessage: string) => downloadFile(`/api/onboarding/imports/${id}/errors.xlsx`, '导入错误清单.xlsx', failMessage);

/** A POST with the CSRF header: the server hands the passwords over once and deletes them. */
export const downloadCredentials = (id: number, failMessage: string) =>
  downloadFile(`/api/onboarding/imports/${id}/credentials.xlsx`, `初始密码-导入${id}.xlsx`, failMessage, { method: 'POST', headers: CSRF_HEADER });

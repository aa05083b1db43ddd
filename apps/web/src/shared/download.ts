/** The zh-CN message of a failed file request: our HTTP routes answer `{ error: { message } }` or `{ message }`. */
export async function httpErrorMessage(res: Response, fallback: string): Promise<string> {
  try {
    const body: unknown = await res.json();
    if (typeof body === 'object' && body !== null) {
      const inner = 'error' in body && typeof body.error === 'object' && body.error !== null ? body.error : body;
      if ('message' in inner && typeof inner.message === 'string' && inner.message) return inner.message;
    }
  } catch {
    // Not JSON: a proxy error page or a dropped connection.
  }
  return fallback;
}

/** The file name from `Content-Disposition` (RFC 5987 `filename*` first), or `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      return fallback;
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

export class DownloadError extends Error {}

/** Fetches `url` with the session cookie (a GET unless `init` says otherwise) and saves the answer as a file; returns the file name. */
export async function downloadFile(url: string, fallbackName: string, failMessage: string, init: RequestInit = {}): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, credentials: 'same-origin' });
  } catch {
    throw new DownloadError(failMessage);
  }
  if (!res.ok) throw new DownloadError(await httpErrorMessage(res, failMessage));
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}

import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small in-memory S3 endpoint (path-style) for tests: PutObject, GetObject, HeadObject,
 * DeleteObject, HeadBucket and ListObjectsV2 with continuation tokens (two keys a page, so
 * paging is always exercised). Not MinIO: no real S3-compatible server runs in-process here.
 * It checks the request shapes a real store relies on: a SigV4 Authorization header for our
 * access key and region, and an x-amz-content-sha256 that matches the body.
 */
export interface S3Stub {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Every request, in order. */
  requests: { method: string; path: string; query: string; headers: Record<string, string | string[] | undefined> }[];
  /** Backdates an object, as if it had been written `ms` ago. */
  age(key: string, ms: number): void;
  keys(): string[];
  close(): Promise<void>;
}

interface StoredBytes {
  data: Buffer;
  modifiedAt: Date;
}

const PAGE = 2;
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function error(res: ServerResponse, status: number, code: string, head = false): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(head ? undefined : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
}

export async function startS3Stub(opts: { bucket?: string } = {}): Promise<S3Stub> {
  const bucket = opts.bucket ?? 'fz-evidence';
  const accessKeyId = 'FZTESTKEY';
  const secretAccessKey = 'fz-test-secret';
  const region = 'cn-north-1';
  const objects = new Map<string, StoredBytes>();
  const requests: S3Stub['requests'] = [];

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const method = req.method ?? 'GET';
      requests.push({ method, path: url.pathname, query: url.search, headers: req.headers });
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`) || !auth.includes(`/${region}/s3/aws4_request`)) return error(res, 403, 'InvalidAccessKeyId', method === 'HEAD');
      const body = await readBody(req);
      const declared = req.headers['x-amz-content-sha256'];
      if (declared !== 'UNSIGNED-PAYLOAD' && declared !== createHash('sha256').update(body).digest('hex')) return error(res, 400, 'XAmzContentSHA256Mismatch');

      const [, b, ...rest] = url.pathname.split('/');
      if (b !== bucket) return error(res, 404, 'NoSuchBucket', method === 'HEAD');
      const key = decodeURIComponent(rest.join('/'));
      if (key === '') {
        if (method === 'HEAD') return void res.writeHead(200).end();
        if (method === 'GET' && url.searchParams.get('list-type') === '2') {
          const prefix = url.searchParams.get('prefix') ?? '';
          const after = url.searchParams.get('continuation-token');
          const all = [...objects.keys()].filter((k) => k.startsWith(prefix) && (after === null || k > after)).sort();
          const page = all.slice(0, PAGE);
          const truncated = all.length > PAGE;
          const contents = page
            .map((k) => {
              const o = objects.get(k)!;
              return `<Contents><Key>${xmlEscape(k)}</Key><LastModified>${o.modifiedAt.toISOString()}</LastModified><Size>${o.data.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
            })
            .join('');
          const next = truncated ? `<NextContinuationToken>${xmlEscape(page.at(-1)!)}</NextContinuationToken>` : '';
          res.writeHead(200, { 'content-type': 'application/xml' });
          return void res.end(
            `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`,
          );
        }
        return error(res, 400, 'NotImplemented');
      }
      const found = objects.get(key);
      switch (method) {
        case 'PUT':
          objects.set(key, { data: body, modifiedAt: new Date() });
          res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
          return void res.end();
        case 'GET':
        case 'HEAD':
          if (!found) return error(res, 404, 'NoSuchKey', method === 'HEAD');
          res.writeHead(200, { 'content-length': found.data.length, 'last-modified': found.modifiedAt.toUTCString(), 'content-type': 'application/octet-stream' });
          return void res.end(method === 'GET' ? found.data : undefined);
        case 'DELETE':
          objects.delete(key);
          return void res.writeHead(204).end();
        default:
          return error(res, 405, 'MethodNotAllowed');
      }
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId,
    secretAccessKey,
    region,
    requests,
    age(key, ms) {
      const o = objects.get(key);
      if (!o) throw new Error(`no object ${key}`);
      o.modifiedAt = new Date(o.modifiedAt.getTime() - ms);
    },
    keys: () => [...objects.keys()].sort(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

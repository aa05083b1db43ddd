import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where the built web app is: WEB_DIST, or apps/web/dist next to this app. */
export function findWebDist(configured: string | undefined): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = configured ? [path.resolve(configured)] : [path.resolve(here, '../../web/dist'), path.resolve(here, '../../../web/dist')];
  return candidates.find((c) => fs.existsSync(path.join(c, 'index.html'))) ?? null;
}

/** Serves the single-page app; unknown GET paths that want HTML get index.html. */
export async function registerWeb(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, { root, index: ['index.html'], wildcard: false, maxAge: '1h' });
  app.setNotFoundHandler((req, reply) => {
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (req.method === 'GET' && wantsHtml && !req.url.startsWith('/trpc') && !req.url.startsWith('/api/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: { message: '页面不存在' } });
  });
}

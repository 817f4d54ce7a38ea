// The demo center as a customer's browser gets it: built by Vite (the config of `npm start`) and
// served as static files from this process, MSW's service worker at /mockServiceWorker.js.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const demoConfig = fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url));

/** Builds the demo into `outDir` (its `public/` files, the service worker among them, at the root). */
export async function buildDemo(outDir: string): Promise<void> {
  // Errors only: Vite's notes on the demo's size (it bundles the SDK with the mock CA) and on plugin
  // timings under load are no failure of the demo.
  await build({ configFile: demoConfig, logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticSite {
  /** `http://127.0.0.1:<port>` (a secure context, as service workers need). */
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `root` on a free loopback port: GET and HEAD only, `/` is index.html, nothing outside `root`. */
export async function serveStatic(root: string): Promise<StaticSite> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    const inside = file.startsWith(root.endsWith(sep) ? root : root + sep);
    const found = inside && (req.method === 'GET' || req.method === 'HEAD') ? await stat(file).catch(() => undefined) : undefined;
    if (!found?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-length': found.size, 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

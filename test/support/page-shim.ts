// Vitest's browser mode rewrites every dynamic import() of the modules it serves into a call of
// `__vitest_browser_runner__.wrapDynamicImport`, which only its test frames define (it prepends a
// pass-through to workers itself). The other pages these tests open from the same server — a second
// tab, the demo, the strict-CSP page — get that same pass-through here, as a script of this origin
// (an inline one would break the CSP page), so the core's lazily loaded crypto loads there too.
import type { Plugin } from 'vite';

const path = '/__vitest-page-shim__.js';
const shim = 'globalThis.__vitest_browser_runner__ ??= { wrapDynamicImport: (load, specifier) => load(specifier) };\n';

export function pageShimPlugin(): Plugin {
  return {
    name: 'vitest-page-shim',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== path) return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.end(shim);
      });
    },
    transformIndexHtml: () => [{ tag: 'script', attrs: { src: path }, injectTo: 'head-prepend' }],
  };
}

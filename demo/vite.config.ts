import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// `npm start`: the core at work in the browser against the MSW mock CA (service worker).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: fileURLToPath(new URL('../public', import.meta.url)),
  server: { port: Number(process.env.PORT ?? 5173), open: !process.env.CI && !process.env.NO_OPEN },
  preview: { port: Number(process.env.PORT ?? 4173) },
  build: { outDir: fileURLToPath(new URL('../dist-demo', import.meta.url)), emptyOutDir: true },
  worker: { format: 'es' },
});

import path from 'node:path';
import { defineConfig } from 'vite';

/**
 * The two web pages the service serves: the ops console (/console) and the demo storefront (/shop).
 * One build, two entries sharing the API client; assets under /ui/ with content hashes, so the
 * service can let browsers keep them for good (src/api/routes/web.routes.ts).
 */
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: '/ui/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        console: path.join(root, 'console/index.html'),
        shop: path.join(root, 'shop/index.html'),
      },
    },
  },
});

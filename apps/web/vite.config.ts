import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Built into dist/ and served by the gateway at `/` (same origin as the API: no CORS, cookies stay
 * SameSite=Strict). Hashed file names under /assets are cached for a year; index.html never is.
 * `pnpm dev` proxies /api to a running gateway.
 */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: true },
  server: { proxy: { '/api': process.env.PLH_API_URL ?? 'http://127.0.0.1:3000' } },
});

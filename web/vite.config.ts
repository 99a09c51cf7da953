// Builds the web app into web/dist, which the server serves at `/` (src/http/web-app.ts).
// Routes are split (React.lazy), so the first screen loads only the shell and its own page.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev:web`: the app with hot reload, the API from a running `npm start`.
    proxy: { '/v1': 'http://localhost:8080', '/openapi.json': 'http://localhost:8080' },
  },
});

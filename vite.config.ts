import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: '.',
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      // ws: the live meeting room's WebSocket (/api/live) goes through the same proxy.
      '/api': { target: 'http://localhost:3000', changeOrigin: false, ws: true },
    },
  },
});

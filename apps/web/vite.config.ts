import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.FZ_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone minifies to about 1.1 MB (350 kB gzipped); it is split out and cached long.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // The UI kit changes far less often than our code: its own long-cached chunk.
        codeSplitting: {
          groups: [
            { name: 'antd', test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component)[\\/]/, priority: 20 },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: api, changeOrigin: false },
      '/healthz': { target: api },
      '/readyz': { target: api },
    },
  },
});

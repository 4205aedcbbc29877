import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The build lands in dist/, which the Maven build copies into the jar's static resources (served at /).
export default defineConfig({
  plugins: [vue()],
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2600 },
});

/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// No dev server URL is used by the app: it always loads the built files, so what is tested is
// what ships. `base: './'` keeps asset paths relative for the custom protocol.
export default defineConfig({
  plugins: [svelte()],
  base: './',
  clearScreen: false,
  build: { target: 'safari15', outDir: 'dist', emptyOutDir: true, sourcemap: false },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});

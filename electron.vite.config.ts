import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'

export default defineConfig({
  main: {
    build: {
      // Two entries share the services: the Electron app and the plain-Node `aura` CLI / host.
      rollupOptions: {
        input: { index: resolve('src/main/index.ts'), cli: resolve('src/main/cli.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be CommonJS, even though the package is an ES module.
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    // electron-vite leaves the renderer unminified by default; minified it is ~40% of the size.
    build: { minify: true, rollupOptions: { input: resolve('src/renderer/index.html') } },
    plugins: [react(), tailwindcss()],
  },
})

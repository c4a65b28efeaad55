#!/usr/bin/env node
// The `aura` command: runs the built CLI under plain Node (`npm run build` first).
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (!existsSync(cli)) {
  console.error('Aura is not built yet. Run `npm run build` in the Aura folder first.')
  process.exit(1)
}
await import(pathToFileURL(cli).href)

// `npm run soak`: soak/run.ts is TypeScript; jiti runs it (node_modules stay native).
import { createJiti } from 'jiti'

const jiti = createJiti(import.meta.url)
const { main } = await jiti.import('./run.ts')
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)

/** llama.cpp's own `llama-bench`, when `LLAMA_BENCH` names the binary: the reference for llama.cpp's speeds. */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

/**
 * Tokens/s of one llama-bench test on `file`, one thread: `pp<prompt>` (prompt reading, `gen: 0`)
 * or `tg<gen>` (writing, `prompt: 0`); null without LLAMA_BENCH or when it fails (logged).
 */
export async function llamaBench(
  file: string,
  test: { prompt: number; gen: number },
  ctx: { smoke: boolean; log(line: string): void },
  section: string,
  /** Layers on the GPU (`-ngl`); default llama-bench's own. */
  gpuLayers?: number,
): Promise<number | null> {
  const binary = process.env.LLAMA_BENCH
  if (!binary) return null
  try {
    const args = ['-p', String(test.prompt), '-n', String(test.gen), '-t', '1', '-r', ctx.smoke ? '1' : '5', '-m', file, '-o', 'json', ...(gpuLayers === undefined ? [] : ['-ngl', String(gpuLayers)])]
    const { stdout } = await promisify(execFile)(binary, args, { maxBuffer: 16 << 20 })
    const results = JSON.parse(stdout) as Array<{ n_prompt?: number; n_gen?: number; avg_ts?: number }>
    const row = results.find((r) => (test.gen > 0 ? (r.n_gen ?? 0) > 0 : (r.n_prompt ?? 0) > 0))
    return typeof row?.avg_ts === 'number' ? row.avg_ts : null
  } catch (error) {
    ctx.log(`${section}: llama-bench failed: ${String(error)}`)
    return null
  }
}

import type { Gpu, HardwareProfile } from '../../shared/api'
import { formatBytes, soldMemoryBytes } from '../../shared/units'

/** Aligned columns for the terminal. */
export function columns(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? []
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n')
}

export const table = (header: string[], rows: string[][]): string => columns([header, ...rows])

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${Math.ceil(seconds % 60)}s`
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`
}

/** `[#######-------]  42%  12 MiB of 29 MiB  4.1 MiB/s  4s left` */
export function progressLine(received: number, total: number | null, bytesPerSecond: number, etaSeconds: number | null, width = 28, stall?: string): string {
  const share = total ? Math.min(1, received / total) : 0
  const filled = Math.round(share * width)
  const parts = [
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`,
    `${String(Math.floor(share * 100)).padStart(3)}%`,
    total ? `${formatBytes(received)} of ${formatBytes(total)}` : formatBytes(received),
  ]
  // Waiting on the connection: why, instead of a speed of 0 B/s.
  if (stall) parts.push(stall)
  else {
    parts.push(`${formatBytes(bytesPerSecond)}/s`)
    if (etaSeconds !== null) parts.push(`${formatDuration(etaSeconds)} left`)
  }
  return parts.join('  ')
}

/** `aura hardware`'s table: the sizes the models page's hardware card shows, in the same words. */
export function hardwareRows(profile: HardwareProfile): string[][] {
  // A card's memory as it was sold; shared memory is the share of the computer's the GPU may use.
  const vram = (gpu: Gpu, bytes: number) => (gpu.unifiedMemory ? `${formatBytes(bytes)}, shared` : formatBytes(soldMemoryBytes(bytes)))
  const gpus = profile.gpus.map((gpu) => `${gpu.vendor} ${gpu.model}${gpu.vramTotalBytes ? ` (${vram(gpu, gpu.vramTotalBytes)})` : ''}`)
  return [
    ['Processor', `${profile.cpu.model} — ${profile.cpu.cores} cores, ${profile.cpu.threads} threads${profile.cpu.features.length ? ` (${profile.cpu.features.join(', ')})` : ''}`],
    ['Memory', `${formatBytes(soldMemoryBytes(profile.ramTotalBytes))} (${formatBytes(profile.ramFreeBytes)} free)`],
    ['Graphics', gpus.length ? gpus.join('; ') : 'none that Aura can use'],
    ['GPU back-ends', profile.gpuBackends.length ? profile.gpuBackends.join(', ') : 'none (models run on the processor)'],
    ['Free disk for models', profile.diskFreeBytes === null ? 'unknown' : formatBytes(profile.diskFreeBytes)],
  ]
}

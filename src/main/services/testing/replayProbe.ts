import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { SystemProbe, SystemReadings } from '../hardware/readings'

/** A recording of one machine: what the real probe read there (see machines/). */
export interface Recording {
  description: string
  readings: SystemReadings
}

export const RECORDED_MACHINES = [
  'macbook-air-m2-16gb',
  'gaming-pc-rtx4070-12gb',
  'enthusiast-rtx4090-24gb',
  'workstation-rtx-a6000-48gb',
  'dual-rtx3090-48gb',
  'laptop-rtx4060-8gb',
  'mini-pc-n100-cpu-only',
] as const
export type RecordedMachine = (typeof RECORDED_MACHINES)[number]

export async function loadRecording(name: RecordedMachine): Promise<Recording> {
  const path = fileURLToPath(new URL(`./machines/${name}.json`, import.meta.url))
  return JSON.parse(await readFile(path, 'utf8')) as Recording
}

/** A probe that answers with recorded readings (deep copies, so callers cannot change the recording). */
export function replayProbe(readings: SystemReadings): SystemProbe {
  const copy = <T>(value: T): T => structuredClone(value)
  return {
    platform: () => ({ platform: readings.platform, arch: readings.arch }),
    cpu: async () => copy(readings.cpu),
    cpuFlags: async () => readings.cpuFlags,
    mem: async () => copy(readings.mem),
    graphics: async () => copy(readings.graphics),
    disk: async () => copy(readings.disk),
    llamaGpu: async () => copy(readings.llama),
  }
}

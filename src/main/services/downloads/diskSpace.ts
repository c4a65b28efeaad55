import { statfs as nodeStatfs } from 'node:fs/promises'
import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { formatBytes } from '../../../shared/units'

/** What `fs.statfs` tells; injectable so tests can pretend the disk is nearly full. */
export type StatFs = (path: string) => Promise<{ bavail: number | bigint; bsize: number | bigint }>

export const defaultStatfs: StatFs = (path) => nodeStatfs(path)

/** Room kept free beyond the download itself, so the disk is never filled to the last byte. */
export const SPARE_BYTES = 16 * 1024 * 1024

export async function freeBytes(dir: string, statfs: StatFs): Promise<number> {
  const stats = await statfs(dir)
  return Number(stats.bavail) * Number(stats.bsize)
}

/**
 * Refuses (disk_full, with the sizes in plain words) when `dir` has less than `neededBytes` free.
 * `reservedBytes` is what other unfinished downloads into the same folder still need.
 */
export async function ensureFreeSpace(input: {
  dir: string
  what: string
  neededBytes: number
  reservedBytes: number
  statfs: StatFs
}): Promise<void> {
  const { dir, what, neededBytes, reservedBytes, statfs } = input
  let free: number
  try {
    free = await freeBytes(dir, statfs)
  } catch {
    return // a file system that cannot tell (some network drives): let the download find out
  }
  const available = free - reservedBytes
  const required = neededBytes + SPARE_BYTES
  if (available >= required) return
  const sizes = { what, needed: formatBytes(required), dir, free: formatBytes(Math.max(0, free)), reserved: formatBytes(reservedBytes), missing: formatBytes(required - available) }
  throw new AuraError(
    'disk_full',
    words(reservedBytes > 0 ? 'downloads.noSpaceReserved' : 'downloads.noSpace', sizes),
    { neededBytes: required, freeBytes: free, reservedBytes, dir },
  )
}

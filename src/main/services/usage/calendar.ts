/**
 * Local-time calendar arithmetic. Budgets, the 30-day chart and the ledger's month files follow the
 * user's wall clock, not UTC: "today" ends at the user's midnight. Built with the Date constructor
 * (never `+ 86_400_000`) so days that are 23 or 25 hours long around DST changes come out right.
 */

export function startOfDay(at: number): number {
  const date = new Date(at)
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime()
}

/** Local midnight `days` days after (or before, when negative) the day of `at`. */
export function startOfDayOffset(at: number, days: number): number {
  const date = new Date(at)
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days).getTime()
}

export function startOfMonth(at: number): number {
  const date = new Date(at)
  return new Date(date.getFullYear(), date.getMonth(), 1).getTime()
}

export function startOfNextMonth(at: number): number {
  const date = new Date(at)
  return new Date(date.getFullYear(), date.getMonth() + 1, 1).getTime()
}

const pad = (value: number) => String(value).padStart(2, '0')

/** `YYYY-MM-DD` in local time. */
export function dayKey(at: number): string {
  const date = new Date(at)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** `YYYY-MM` in local time. */
export function monthKey(at: number): string {
  const date = new Date(at)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`
}

/** Index of the first record at or after `from` in records sorted by time (binary search). */
export function firstIndexAtOrAfter(records: readonly { at: number }[], from: number): number {
  let low = 0
  let high = records.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (records[middle]!.at < from) low = middle + 1
    else high = middle
  }
  return low
}

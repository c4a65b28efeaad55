/**
 * Sizes and token counts as Aura shows them. Pure (no DOM, no Node): the page, the CLI and the
 * services' notices and errors all call these, so a file or a computer reads the same everywhere.
 *
 * Bytes are shown in binary units with binary labels: 1 KiB = 1024 bytes, 1 GiB = 1024³ bytes.
 * Where a model has to fit — the computer's memory and the graphics card's — is built and sold in
 * powers of two, so a 16 GiB laptop and a 12 GiB card read as the numbers their owners know, and a
 * model's file compares directly with the memory it needs. Decimal units would make that laptop
 * "17.2 GB" and the card "12.9 GB"; binary amounts under a "GB" label (the operating systems' habit)
 * are how two divisors came to print the same word. The Hub lists files in decimal GB: its "2.0 GB"
 * file is 1.9 GiB here, and the different label says why.
 */

const KiB = 1024
const GiB = KiB ** 3
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const

/**
 * Bytes for people: "999 B", "1 KiB", "830 MiB", "1.9 GiB", "24 GiB". One decimal below 10 (without
 * a trailing ".0"), whole numbers from 10; "—" for a size that is not one (negative, NaN, infinite).
 * `decimals` asks for that many at most, at any size (trailing zeros dropped): see {@link formatBytesApart}.
 * `locale` writes the number with that language's decimal mark ("1,9 GiB" in Spanish); without it,
 * a point (the CLI and the services' messages, which are English).
 */
export function formatBytes(bytes: number, decimals = 0, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  let value = bytes
  let unit = 0
  // Step up while the number would show as 1024 or more ("1023.7 B" is "1 KiB", not "1024 B").
  while (Math.round(value) >= KiB && unit < BYTE_UNITS.length - 1) {
    value /= KiB
    unit++
  }
  const oneDecimal = Math.round(value * 10) / 10
  const shown = unit > 0 && decimals > 0 ? Number(value.toFixed(decimals)) : unit > 0 && oneDecimal < 10 ? oneDecimal : Math.round(value)
  const text = locale ? shown.toLocaleString(locale, { useGrouping: false, maximumFractionDigits: 2 }) : String(shown)
  return `${text} ${BYTE_UNITS[unit]}`
}

/**
 * Two sizes set against each other ("needs about A, can spare about B"), each with one decimal
 * more until they read apart: 18.3 GiB and 17.6 GiB both round to "18 GiB", and a model that
 * "needs 18 GiB" of the "18 GiB" a computer can spare would read as fitting. Sizes that are truly
 * equal (to 0.01 of their unit) may read the same.
 */
export function formatBytesApart(a: number, b: number): [string, string] {
  let pair: [string, string] = [formatBytes(a), formatBytes(b)]
  for (let decimals = 1; pair[0] === pair[1] && decimals <= 2; decimals++) {
    pair = [formatBytes(a, decimals), formatBytes(b, decimals)]
  }
  return pair
}

/**
 * A count (a model's parameters, tokens) for people: 260_000 → "260K", 7_615_616_512 → "7.6B",
 * 494_032_768 → "494M"; the same decimals as bytes, and "—" for a count that is not one.
 */
export function formatCount(count: number | null): string {
  if (count === null || !Number.isFinite(count) || count <= 0) return '—'
  const steps: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ]
  for (const [size, suffix] of steps) {
    if (count >= size) {
      const value = count / size
      const text = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value))
      return `${text}${suffix}`
    }
  }
  return String(count)
}

/** Sizes memory is sold in, in GiB. */
const SOLD_GIB = [1, 2, 3, 4, 6, 8, 10, 11, 12, 16, 18, 20, 24, 32, 36, 48, 64, 80, 96, 128, 192, 256, 384, 512, 768, 1024]

/**
 * A memory total as the computer or card was sold: the OS reports a little less than is installed
 * (the kernel and integrated graphics keep some), so 15.4 GiB is 16 GiB, 11.99 GiB is 12 GiB and
 * 62 GiB is 64 GiB. For totals only (free memory is shown as it is); a total that is no sold size
 * stays as it is.
 */
export function soldMemoryBytes(bytes: number): number {
  const gib = bytes / GiB
  const sold = SOLD_GIB.find((size) => size >= gib * 0.999 && size <= gib * 1.1)
  return sold === undefined ? bytes : sold * GiB
}

/** Roughly four characters a token in English text and code: close enough to route, cheap to compute. */
const CHARS_PER_TOKEN = 4

/**
 * Estimated tokens in a text: ⌈length / 4⌉, so at least 1 for any non-empty text. Rounded up, as a
 * budget is: the router and a reply cut off before its provider told the count both use it.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN)
}

/** FNV-1a, 32 bits: a stable hash of a string (the corpus's seeds and its split's order depend on it). */
export function fnv1a(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

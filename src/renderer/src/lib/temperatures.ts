/** Temperatures in words: how freely the model picks its words (`null`: the default it falls back to). */
export const TEMPERATURES: { value: number | null; label: string }[] = [
  { value: null, label: 'Aura’s default (Settings)' },
  { value: 0, label: 'Exact (0) — the same answer each time' },
  { value: 0.2, label: 'Focused (0.2) — code, facts, translation' },
  { value: 0.5, label: 'Balanced (0.5)' },
  { value: 0.7, label: 'Natural (0.7) — everyday writing' },
  { value: 1, label: 'Creative (1.0) — ideas, stories' },
  { value: 1.3, label: 'Playful (1.3) — surprising, less reliable' },
]

/** A file's quantization and format tags, which say nothing to most people ("Q4_K_M", "F16", "GGUF"). */
const JARGON = /[-_. ](?:I?Q\d(?:_[0-9A-Z]+)*|B?F(?:16|32)|GGUF|IMAT(?:RIX)?)\b/gi

/** "Qwen3-4B-Instruct-Q4_K_M" → "Qwen3 4B Instruct"; a name already in words stays as it is. */
export function friendlyName(name: string): string {
  const plain = name.replace(JARGON, '').replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim()
  return plain || name
}

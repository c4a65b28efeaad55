import { extname } from 'node:path'
import type { ParsedDocument } from '../contract'

/** The kind of a file, from its extension; code also names its language. */
export interface FileKind {
  kind: ParsedDocument['kind']
  language?: string
}

const DOCUMENTS: Record<string, ParsedDocument['kind']> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.txt': 'text',
  '.text': 'text',
  '.log': 'text',
  '.csv': 'text',
  '.tsv': 'text',
  '.rst': 'text',
  '.org': 'text',
}

/** Source files by extension → the language a person would call it. */
const CODE: Record<string, string> = {
  '.ts': 'TypeScript',
  '.tsx': 'TypeScript',
  '.mts': 'TypeScript',
  '.cts': 'TypeScript',
  '.js': 'JavaScript',
  '.jsx': 'JavaScript',
  '.mjs': 'JavaScript',
  '.cjs': 'JavaScript',
  '.py': 'Python',
  '.rb': 'Ruby',
  '.go': 'Go',
  '.rs': 'Rust',
  '.java': 'Java',
  '.kt': 'Kotlin',
  '.kts': 'Kotlin',
  '.swift': 'Swift',
  '.c': 'C',
  '.h': 'C',
  '.cc': 'C++',
  '.cpp': 'C++',
  '.cxx': 'C++',
  '.hpp': 'C++',
  '.cs': 'C#',
  '.php': 'PHP',
  '.scala': 'Scala',
  '.lua': 'Lua',
  '.r': 'R',
  '.jl': 'Julia',
  '.dart': 'Dart',
  '.sh': 'Shell',
  '.bash': 'Shell',
  '.zsh': 'Shell',
  '.ps1': 'PowerShell',
  '.sql': 'SQL',
  '.css': 'CSS',
  '.scss': 'SCSS',
  '.json': 'JSON',
  '.yaml': 'YAML',
  '.yml': 'YAML',
  '.toml': 'TOML',
  '.xml': 'XML',
  '.ini': 'INI',
  '.vue': 'Vue',
  '.svelte': 'Svelte',
}

/** Files that are code by their whole name, without an extension. */
const CODE_NAMES: Record<string, string> = { dockerfile: 'Dockerfile', makefile: 'Makefile' }

/** The kind of the file at `path`, or undefined for a type Aura does not read. */
export function kindOf(path: string): FileKind | undefined {
  const extension = extname(path).toLowerCase()
  const document = DOCUMENTS[extension]
  if (document) return { kind: document }
  const language = CODE[extension] ?? CODE_NAMES[(path.split(/[\\/]/).pop() ?? '').toLowerCase()]
  return language ? { kind: 'code', language } : undefined
}

/** The extensions Aura reads, for messages and file pickers: ".pdf", ".docx", … */
export const readableExtensions: readonly string[] = [...Object.keys(DOCUMENTS), ...Object.keys(CODE)]

import type { McpGalleryEntry } from '../../../shared/api'

/** A well-known server: what the user sees, and how it starts. */
export interface GalleryServer {
  id: string
  name: string
  description: string
  needs: McpGalleryEntry['needs']
  needsFolder: boolean
  command: string
  /** Its arguments; the files server gets the chosen folder after them. */
  args: string[]
}

/**
 * The short gallery: the Model Context Protocol's reference servers. The Node ones run through the
 * system's npx, the Python ones through uv's uvx — both fetch the server on first start, so the first
 * start needs the internet and can take a minute.
 */
export const GALLERY: GalleryServer[] = [
  {
    id: 'files',
    name: 'Files',
    description: 'Read, search and write files in one folder you choose — and nowhere else.',
    needs: 'node',
    needsFolder: true,
    command: 'npx',
    args: ['-y', '@modelcontextprotocol/server-filesystem'],
  },
  {
    id: 'memory',
    name: 'Memory',
    description: 'A notebook the model keeps across chats: people, things and facts you tell it to remember.',
    needs: 'node',
    needsFolder: false,
    command: 'npx',
    args: ['-y', '@modelcontextprotocol/server-memory'],
  },
  {
    id: 'fetch',
    name: 'Fetch',
    description: 'Read a web page the model names, as text.',
    needs: 'python',
    needsFolder: false,
    command: 'uvx',
    args: ['mcp-server-fetch'],
  },
  {
    id: 'git',
    name: 'Git',
    description: 'Look at Git repositories on this computer: status, history, differences.',
    needs: 'python',
    needsFolder: false,
    command: 'uvx',
    args: ['mcp-server-git'],
  },
  {
    id: 'time',
    name: 'Time',
    description: 'The current time in any time zone, and conversions between zones.',
    needs: 'python',
    needsFolder: false,
    command: 'uvx',
    args: ['mcp-server-time'],
  },
]

export type { Chunk, Library, ParsedDocument, Passage, SearchScope, Section } from './contract'
export { chatCollection, DEFAULT_COLLECTION, DocumentsService } from './documentsService'
export { documentsHandlers } from './handlers'

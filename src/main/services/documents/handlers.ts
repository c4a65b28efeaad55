import type { HandlersOf } from '../dispatch'
import type { DocumentsService } from './documentsService'

/** Collections, documents and search (docs/documents.md). */
export function documentsHandlers(documents: DocumentsService): HandlersOf<'documents'> {
  return {
    'documents.collections': () => documents.collections(),
    'documents.addCollection': ({ name, folder }) => documents.addCollection(name, folder),
    'documents.removeCollection': ({ name }) => {
      documents.removeCollection(name)
      return {}
    },
    'documents.add': ({ paths, ...target }) => documents.add(paths, target),
    'documents.list': (target) => documents.list(target),
    'documents.remove': ({ paths, ...target }) => ({ removed: documents.remove(paths, target) }),
    'documents.search': ({ query, scope, limit }) => documents.find(query, scope, limit),
    'documents.status': () => documents.status(),
  }
}

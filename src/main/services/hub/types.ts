/** One file to download from the Hub, as resolved at download time (never trusted from the catalog). */
export interface HubFileSource {
  repo: string
  /** Path in the repo. */
  file: string
  /** `<hub>/<repo>/resolve/<revision>/<file>`; the Hub may redirect it to a CDN. */
  url: string
  sizeBytes: number
  /** From the tree listing's `lfs.oid` (or `X-Linked-Etag`); null when the Hub does not say. */
  sha256: string | null
}

/** What the downloader needs from the Hub: the parts of a model file (one, or all shards of a split model). */
export interface HubResolver {
  /** Throws AuraError('hub_auth_required' | 'hub_unreachable' | 'not_found', plain message). */
  resolveDownload(repo: string, file: string): Promise<HubFileSource[]>
  /** Headers for requests to the Hub and its CDN (e.g. Authorization with the user's token). */
  headers(): Record<string, string>
}

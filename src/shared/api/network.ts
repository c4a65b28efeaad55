import { z } from 'zod'

/**
 * Why Aura went online: every outbound request states one. `download`: a model file the user chose
 * (and the Hub's answers about it); `hub_search` / `hub_files`: looking for models on Hugging Face;
 * `cloud_reply`: a message sent to a cloud model or an added server; `key_test`: a saved key tried;
 * `model_list`: an added server asked which models it has; `mcp_tool`: a tools server at an address the
 * user added (its tools listed or one called).
 */
export const ConnectionPurposeSchema = z.enum(['download', 'hub_search', 'hub_files', 'cloud_reply', 'key_test', 'model_list', 'mcp_tool'])
export type ConnectionPurpose = z.infer<typeof ConnectionPurposeSchema>

/** One request Aura sent over the network, as kept on this computer (Settings → Privacy). */
export const ConnectionSchema = z.object({
  /** When it started, ms since the epoch. */
  at: z.number(),
  /** Where it went: the host, with its port when not the default. */
  host: z.string(),
  purpose: ConnectionPurposeSchema,
  /** The answer's HTTP status; null when none came (offline, refused, timed out, canceled). */
  status: z.number().int().nullable(),
  /** Bytes of the request's body, what Aura sent (0 for a plain GET); null when unknown. */
  sentBytes: z.number().int().nonnegative().nullable(),
  /** The host that answered after a redirect (a download's file server), when it differs. */
  redirectedTo: z.string().nullable(),
})
export type Connection = z.infer<typeof ConnectionSchema>

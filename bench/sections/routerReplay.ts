import { replyCost } from '../../src/main/services/providers/pricing'
import { REPLAY_SETTINGS, replay, replayMachine, report } from '../lib/replay'
import { REPLAY_SMOKE, REPLAY_WORKLOAD } from '../lib/replayWorkload'
import type { BenchSection } from '../harness'
import { round } from '../harness'

/**
 * Savings you can believe: a fixed workload of 240 mixed requests (bench/lib/replayWorkload.ts)
 * decided by Auto on `aura route --dry-run`'s machine with keys for OpenAI, Anthropic and Google,
 * each booked as the chat service books it, against "all cloud" and "all local".
 * - `local_share`: requests Auto answered on this computer.
 * - `auto_usd`: what Auto's answers cost at the catalog's prices of today.
 * - `all_cloud_usd`: every request on the savings baseline model (Settings → Routing's "Compare
 *   with", by default GPT-6.1 Terra); `all_cloud_auto_pick_usd`: every request on the cloud model
 *   Auto itself picks for it. `all_local_usd` is 0.
 * - `saved_usd`: the Usage page's and the cost meter's savings of the same records (`summarize`);
 *   it equals all_cloud_usd − auto_usd. `saved_share` is saved ÷ all cloud.
 * - `everyday_local_share`: chat, writing and short coding requests kept local; the issue's goal is
 *   under 2% of simple or moderate requests sent to the cloud.
 */
export const section: BenchSection = {
  name: 'router.replay',
  async run(ctx) {
    const now = Date.now()
    const rows = replay(ctx.smoke ? REPLAY_SMOKE : REPLAY_WORKLOAD, {
      machine: replayMachine(),
      settings: REPLAY_SETTINGS,
      // CloudProviders.cost without price edits: the catalog's price at `now`.
      cost: (id, usage) => replyCost(id, usage, {}, now)?.usd ?? null,
      now,
    })
    const result = report(rows, REPLAY_SETTINGS, now)
    const usd = (amount: number) => round(amount, 4)
    ctx.log(`router.replay: ${result.requests} requests, ${Math.round(result.localShare * 100)}% local, saved $${result.savedUsd.toFixed(4)}`)
    return {
      requests: result.requests,
      local_share: round(result.localShare, 3),
      auto_usd: usd(result.autoUsd),
      all_cloud_usd: usd(result.allCloudUsd),
      all_cloud_auto_pick_usd: usd(result.allCloudAutoPickUsd),
      all_local_usd: result.allLocalUsd,
      saved_usd: usd(result.savedUsd),
      saved_share: round(result.savedUsd / result.allCloudUsd, 3),
      saved_vs_auto_pick_usd: usd(result.allCloudAutoPickUsd - result.autoUsd),
      everyday_local_share: round(result.everydayLocalShare, 3),
      too_long_for_local: result.tooLongForLocal,
      baseline_model: REPLAY_SETTINGS.savingsBaselineModelId,
      prices_on: new Date(now).toISOString().slice(0, 10),
      ...Object.fromEntries(Object.entries(result.localShareByKind).map(([kind, share]) => [`local_share_${kind}`, round(share, 3)])),
    }
  },
}

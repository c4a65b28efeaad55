import type { Message, Rating } from '../../../shared/api'
import type { ConversationStore } from '../chat/conversationStore'
import type { HandlersOf } from '../dispatch'
import type { Clock } from '../ports'
import type { Router } from '../router/router'
import type { FeedbackStore } from './feedbackStore'
import type { FeedbackSignal } from './learner'
import { summarize } from './summary'

/** What Auto learned from the ratings (Settings → Routing & Budget), and forgetting it. */
export function feedbackHandlers({ feedback, router, clock }: { feedback: FeedbackStore; router: Pick<Router, 'localTiers'>; clock: Clock }): HandlersOf<'feedback'> {
  const learned = async () => {
    const { fast, quality } = await router.localTiers()
    return summarize(feedback.state(), clock.now(), { fast: fast?.name ?? null, quality: quality?.name ?? null })
  }
  return {
    'feedback.learned': learned,
    'feedback.reset': async () => {
      feedback.reset()
      return learned()
    },
  }
}

/** Rates a reply: kept on the message; a changed rating of a reply Auto routed teaches the learner. */
export async function rateReply(conversations: ConversationStore, feedback: Pick<FeedbackStore, 'record'>, input: { conversationId: string; messageId: string; rating: Rating | null }): Promise<Message> {
  const { message, previous } = await conversations.rate(input.conversationId, input.messageId, input.rating)
  const route = message.route
  // Only Auto's own choices teach it: a model the user picked says nothing about Auto's tiers.
  if (previous === input.rating || !route || route.mode === 'model' || !route.tier || !route.taskType) return message
  const about: Omit<FeedbackSignal, 'kind'> = { taskType: route.taskType, complexity: route.complexity, tier: route.tier, modelId: message.modelId }
  if (previous) feedback.record({ ...about, kind: previous, retract: true })
  if (input.rating) feedback.record({ ...about, kind: input.rating })
  return message
}

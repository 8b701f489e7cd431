import { DECISION_LABELS, type Review } from './schema/record'

/**
 * A decision and its opinion, each said once: 同意 / 同意。符合规定 — an opinion that already begins
 * with the decision (同意,按规定施工) is shown as written, not as 同意。同意,… (paper and screen alike).
 */
export function opinionText(r: Pick<Review, 'decision' | 'opinion'>, joiner = '。'): string {
  const decision = DECISION_LABELS[r.decision]
  const opinion = r.opinion.trim()
  if (!opinion) return decision
  if (opinion.startsWith(decision) || (r.decision === 'approve' && /^(同意|批准|准予)/.test(opinion))) return opinion
  return `${decision}${joiner}${opinion}`
}

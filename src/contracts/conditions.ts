// Part 5: the conditions for success the monitor scores, and the standard evaluation items.
// Zod-free: the web imports these values (labels are i18n keys built from them).

/**
 * The conditions the monitor scores from data (domain.md, "Conditions for success"). Spreading and
 * external pressure are not scored: Kring holds no data on them (docs/indicators.md says why).
 * The order is the tie-break when two conditions score the same.
 */
export const conditions = [
  'groupSize',
  'regularity',
  'time',
  'ambition',
  'commitment',
  'equivalence',
  'endProduct',
  'chairing',
  'presence',
  'usefulness',
] as const;
export type Condition = (typeof conditions)[number];

/** The standard 1–5 items of an evaluation, each feeding one condition. */
export const evaluationItems = ['ambitionClarity', 'jointAttention', 'equalCommitment', 'equivalence', 'time', 'regularity', 'usefulness'] as const;
export type EvaluationItem = (typeof evaluationItems)[number];

export const itemCondition: Record<EvaluationItem, Condition> = {
  ambitionClarity: 'ambition',
  jointAttention: 'ambition',
  equalCommitment: 'commitment',
  equivalence: 'equivalence',
  time: 'time',
  regularity: 'regularity',
  usefulness: 'usefulness',
};

/** Aggregates (and open answers) of an evaluation are shown only with at least this many answers. */
export const minimumAnswers = 3;

/** The recommended band for group size (domain.md). */
export const groupSizeBand = { min: 6, max: 8 } as const;

/**
 * Why a condition scored what it did: a stable code (an i18n key under monitor.reasons) and the
 * numbers behind it, so that the reason is plain words in either language.
 */
export interface Reason {
  code: string;
  params: Record<string, number | string>;
}

export interface ConditionScore {
  condition: Condition;
  /** 0–100, or null when there is nothing to judge it by yet. */
  score: number | null;
  /** The weakest part's reason (the one that pulled the score down most). */
  reason: Reason;
  /** The parts combined: the indicator part(s) and the evaluation part, each 0–100. */
  parts: { source: 'data' | 'evaluation'; score: number; reason: Reason }[];
}

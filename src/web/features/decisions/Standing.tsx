import { useTranslation } from 'react-i18next';
import type { DecisionProcess, ProposalResult, ProposalStatus } from '../../../contracts/decision-rules';
import type { Proposal } from '../../../contracts/decisions';
import { useFormat } from '../../lib/format';
import { useListFormat } from './labels';
import styles from './decisions.module.css';

/** Where a proposal stands, in the facts both the proposal page and the meeting room know. */
export interface StandingFacts {
  process: DecisionProcess;
  status: ProposalStatus;
  result: ProposalResult | null;
  closesAt: string | null;
  closedAt?: string | null;
  withdrawnReason?: string | null;
  participants: number;
  responded: number;
  blocking: number;
  needsReconfirmation: number;
  /** Names of the organisations and stakeholder groups not heard yet. */
  silent: string[];
  everyoneResponded: boolean;
  quorumMet: boolean | null;
  closingTimePassed: boolean;
  wouldPass: boolean;
}

type Tone = 'open' | 'pass' | 'block' | 'wait' | 'done';

/** The standing in plain words: one headline and a few sentences that explain it. */
export function useStandingText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useListFormat();
  return (s: StandingFacts): { headline: string; tone: Tone; details: string[] } => {
    const count = t('decisions.standing.responded', { count: s.responded, of: s.participants });
    if (s.status === 'withdrawn')
      return { headline: t('decisions.standing.withdrawn'), tone: 'done', details: s.withdrawnReason ? [t('decisions.standing.withdrawnReason', { reason: s.withdrawnReason })] : [] };
    if (s.status === 'closed') {
      const when = s.closedAt ? [t('decisions.standing.closedOn', { date: fmt.dateTime(s.closedAt) })] : [];
      const headline =
        s.result === 'passed' ? t('decisions.standing.passed') : s.result === 'notPassed' ? t('decisions.standing.notPassed') : t('decisions.standing.advised');
      return { headline, tone: s.result === 'passed' ? 'pass' : s.result === 'notPassed' ? 'block' : 'done', details: [...when, count] };
    }
    const details = [count];
    if (s.needsReconfirmation > 0) details.push(t('decisions.standing.reconfirm', { count: s.needsReconfirmation }));
    if (s.process === 'advice') {
      if (s.silent.length > 0 && s.responded > 0) details.unshift(t('decisions.standing.waitingFor', { list: list(s.silent) }));
      return { headline: t('decisions.standing.adviceOpen'), tone: 'open', details };
    }
    if (s.blocking > 0)
      return {
        headline: t(s.process === 'consent' ? 'decisions.standing.objected' : 'decisions.standing.blocked', { count: s.blocking }),
        tone: 'block',
        details,
      };
    if (s.wouldPass)
      return {
        headline: t('decisions.standing.wouldPass'),
        tone: 'pass',
        details: [s.everyoneResponded ? t('decisions.standing.wouldPassAll') : t('decisions.standing.wouldPassQuorum'), ...details],
      };
    // Nobody yet (a new wording, say): naming every group would only be noise.
    if (s.responded === 0) return { headline: t('decisions.standing.waitingForFirst'), tone: 'wait', details };
    if (s.silent.length > 0) return { headline: t('decisions.standing.waitingForGroups', { list: list(s.silent) }), tone: 'wait', details };
    if (s.quorumMet && s.closesAt && !s.closingTimePassed)
      return { headline: t('decisions.standing.undecided'), tone: 'wait', details: [t('decisions.standing.quorumMet', { date: fmt.dateTime(s.closesAt) }), ...details] };
    return { headline: t('decisions.standing.waitingForMore'), tone: 'wait', details };
  };
}

/** The standing as a headline and a few sentences; the marker is decoration next to the words. */
export function StandingText({ facts, large }: { facts: StandingFacts; large?: boolean }) {
  const standing = useStandingText()(facts);
  const mark = { open: '●', pass: '✓', block: '✕', wait: '…', done: '■' }[standing.tone];
  return (
    <div className={[styles.standing, styles[`standing_${standing.tone}`], large ? styles.standingLarge : ''].filter(Boolean).join(' ')} data-testid="proposal-standing">
      <p className={styles.standingTitle}>
        <span aria-hidden="true">{mark} </span>
        <strong>{standing.headline}</strong>
      </p>
      <ul className={styles.standingDetails}>
        {standing.details.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
    </div>
  );
}

/** The facts of a proposal as the server sends them, with silent groups named in the reader's language. */
export function factsOf(p: Proposal, groupLabel: (g: string) => string): StandingFacts {
  const s = p.standing;
  return {
    process: p.process,
    status: p.status,
    result: p.result,
    closesAt: p.closesAt,
    closedAt: p.closedAt,
    withdrawnReason: p.withdrawnReason,
    participants: p.participation.participants,
    responded: p.participation.responded,
    blocking: s.blocking.length,
    needsReconfirmation: s.needsReconfirmation.length,
    silent: [...s.silentGroups.map(groupLabel), ...s.silentOrganisations],
    everyoneResponded: s.everyoneResponded,
    quorumMet: s.quorumMet,
    closingTimePassed: s.closingTimePassed,
    wouldPass: s.wouldPass,
  };
}

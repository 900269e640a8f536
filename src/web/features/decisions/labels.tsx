import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isBlocking, type DecisionProcess, type Position, type ProposalResult, type ProposalStatus } from '../../../contracts/decision-rules';
import { Badge } from '../../ui/Page';
import { useFormat } from '../../lib/format';

/** A list in words: "Ouders, School en CJG Noord" / "Parents, School and CJG Noord". */
export function useListFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useCallback(
    (items: string[]) => new Intl.ListFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { style: 'long', type: 'conjunction' }).format(items),
    [lang],
  );
}

/** "Sluit op 12 maart 2026 20:00" or "Sluit zodra iedereen heeft gereageerd". */
export function useClosingText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return useCallback(
    (closesAt: string | null, status: ProposalStatus = 'open') =>
      closesAt === null
        ? t(status === 'open' ? 'decisions.closing.whenAll' : 'decisions.closing.wasWhenAll')
        : t(status === 'open' ? 'decisions.closing.at' : 'decisions.closing.wasAt', { date: fmt.dateTime(closesAt) }),
    [t, fmt],
  );
}

export function useGroupLabel() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      group: (g: string) => t(`enums.group.${g}`, { defaultValue: g }),
      organisation: (name: string | null | undefined) => name || t('decisions.responses.noOrganisation'),
    }),
    [t],
  );
}

const positionTone = (p: Position) =>
  isBlocking(p) ? 'danger' : p === 'concerns' ? 'warning' : p === 'agree' || p === 'noObjection' ? 'success' : p === 'advice' ? 'primary' : 'neutral';
const positionIcon: Record<Position, string> = {
  noObjection: '✓',
  agree: '✓',
  abstain: '–',
  concerns: '!',
  objection: '✕',
  block: '✕',
  advice: '✎',
};

/** A position as a badge: words first, the colour and icon only add to them. */
export function PositionBadge({ position }: { position: Position }) {
  const { t } = useTranslation();
  return (
    <Badge tone={positionTone(position)}>
      <span aria-hidden="true">{positionIcon[position]} </span>
      {t(`decisions.position.${position}.label`)}
    </Badge>
  );
}

export function ProcessBadge({ process }: { process: DecisionProcess }) {
  const { t } = useTranslation();
  return <Badge tone="neutral">{t(`decisions.process.${process}.label`)}</Badge>;
}

/** Open, passed, not passed, advised or withdrawn: always in words. */
export function StatusBadge({ status, result }: { status: ProposalStatus; result: ProposalResult | null }) {
  const { t } = useTranslation();
  if (status === 'open') return <Badge tone="primary">{t('decisions.status.open')}</Badge>;
  if (status === 'withdrawn') return <Badge tone="neutral">{t('decisions.status.withdrawn')}</Badge>;
  if (result === 'passed')
    return (
      <Badge tone="success">
        <span aria-hidden="true">✓ </span>
        {t('decisions.result.passed')}
      </Badge>
    );
  if (result === 'notPassed')
    return (
      <Badge tone="danger">
        <span aria-hidden="true">✕ </span>
        {t('decisions.result.notPassed')}
      </Badge>
    );
  return <Badge tone="neutral">{t(result === 'advised' ? 'decisions.result.advised' : 'decisions.status.closed')}</Badge>;
}

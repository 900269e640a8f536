import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../../contracts/decisions';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { FormAlert } from '../../ui/Form';
import { Card } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { focusSoon } from '../agenda/focus';
import { isStale, useCloseProposal, useRemind } from './api';
import { useGroupLabel } from './labels';
import styles from './decisions.module.css';

/**
 * For the proposer and the chair while the proposal is open: who has not responded, one reminder
 * per wording, and closing once every voice has been heard (or the closing time has come).
 */
export function StewardPanel({ proposal, onReload }: { proposal: Proposal; onReload: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useGroupLabel();
  const remind = useRemind(proposal.id);
  const close = useCloseProposal(proposal.id);
  const [confirming, setConfirming] = useState(false);
  const [reminded, setReminded] = useState(false);
  const missing = proposal.missing ?? [];
  const s = proposal.standing;
  const closeResult =
    proposal.process === 'advice' ? t('decisions.steward.closeAdvice') : s.wouldPass ? t('decisions.steward.closePasses') : t('decisions.steward.closeFails');

  return (
    <Card aria-labelledby="steward-h" data-testid="steward-panel">
      <h2 id="steward-h" tabIndex={-1}>
        {t('decisions.steward.title')}
      </h2>
      <p className={styles.muted}>{t('decisions.steward.lead')}</p>
      <h3>{t('decisions.steward.missingTitle', { count: missing.length })}</h3>
      {missing.length === 0 ? (
        <p>{t('decisions.steward.everyone')}</p>
      ) : (
        <ul data-testid="missing-list">
          {missing.map((m) => (
            <li key={m.userId}>
              {m.name} <span className={styles.muted}>({[labels.organisation(m.organisationName), labels.group(m.stakeholderGroup)].join(', ')})</span>
              {s.needsReconfirmation.includes(m.userId) && <span className={styles.muted}> · {t('decisions.responses.needsReconfirmation')}</span>}
            </li>
          ))}
        </ul>
      )}
      <FormAlert error={remind.error} />
      <div className={styles.actions}>
        {missing.length > 0 && (
          <Button
            variant="secondary"
            disabled={!!proposal.reminderSentAt || remind.isPending}
            aria-describedby="remind-d"
            onClick={() => remind.mutate(undefined, { onSuccess: () => setReminded(true) })}
            data-testid="send-reminder"
          >
            {remind.isPending ? t('common.working') : proposal.reminderSentAt ? t('decisions.steward.reminded') : t('decisions.steward.remind')}
          </Button>
        )}
        {s.mayCloseEarly && (
          <Button id="close-proposal" onClick={() => (close.reset(), setConfirming(true))} data-testid="close-proposal">
            {t('decisions.steward.close')}
          </Button>
        )}
      </div>
      {missing.length > 0 && (
        <p id="remind-d" className={styles.muted}>
          {proposal.reminderSentAt ? t('decisions.steward.remindedOn', { date: fmt.dateTime(proposal.reminderSentAt) }) : t('decisions.steward.remindHint', { count: missing.length })}
        </p>
      )}
      {!s.mayCloseEarly && <p className={styles.muted}>{t('decisions.steward.closeLater')}</p>}
      <p role="status" className={styles.status}>
        {reminded ? t('decisions.steward.remindSent') : ''}
      </p>
      <ConfirmDialog
        open={confirming}
        danger={false}
        title={t('decisions.steward.closeTitle')}
        confirmLabel={t('decisions.steward.closeConfirm')}
        pending={close.isPending}
        onCancel={() => {
          setConfirming(false);
          focusSoon('close-proposal');
        }}
        onConfirm={() =>
          close.mutate(
            { version: proposal.version },
            {
              onSuccess: () => {
                setConfirming(false);
                focusSoon('outcome-h', 'proposal-h');
              },
            },
          )
        }
        error={<FormAlert error={close.error} onReload={isStale(close.error) ? () => (setConfirming(false), onReload()) : undefined} />}
      >
        <p>{closeResult}</p>
      </ConfirmDialog>
    </Card>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../../contracts/decisions';
import { isLocalDate } from '../../../contracts/zoned';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, TextArea, TextField, formStyles } from '../../ui/Form';
import { Card } from '../../ui/Page';
import { useFormat, useMeetingFormat } from '../../lib/format';
import { focusSoon } from '../agenda/focus';
import { isStale, useWriteOutcome } from './api';
import { focusFirstInvalid } from './focus';
import styles from './decisions.module.css';

function OutcomeForm({ proposal, onDone, onCancel, onReload }: { proposal: Proposal; onDone: () => void; onCancel?: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const write = useWriteOutcome(proposal.id);
  const [statement, setStatement] = useState(proposal.outcome?.statement ?? '');
  const [reviewDate, setReviewDate] = useState(proposal.outcome?.reviewDate ?? '');
  const [errors, setErrors] = useState<{ statement?: string; reviewDate?: string }>({});
  const advice = proposal.process === 'advice';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = {
      statement: statement.trim() ? undefined : t('decisions.outcome.statementRequired'),
      reviewDate: reviewDate && !isLocalDate(reviewDate) ? t('decisions.outcome.reviewDateInvalid') : undefined,
    };
    setErrors(next);
    if (next.statement || next.reviewDate) return focusFirstInvalid(e.currentTarget);
    write.mutate({ version: proposal.outcome?.version ?? 0, statement: statement.trim(), reviewDate: reviewDate || null }, { onSuccess: onDone });
  };
  return (
    <Form onSubmit={submit} data-testid="outcome-form">
      <FormAlert error={write.error} onReload={isStale(write.error) ? onReload : undefined} />
      <TextArea
        label={advice ? t('decisions.outcome.adviceStatementLabel') : t('decisions.outcome.statementLabel')}
        description={advice ? t('decisions.outcome.adviceStatementHint') : t('decisions.outcome.statementHint')}
        value={statement}
        maxLength={4000}
        rows={5}
        required
        onChange={(e) => setStatement(e.target.value)}
        error={errors.statement ?? fieldError(write.error, 'statement')}
        data-testid="outcome-statement"
      />
      <TextField
        type="date"
        label={t('decisions.outcome.reviewDateLabel')}
        description={t('decisions.outcome.reviewDateHint')}
        optional
        value={reviewDate}
        onChange={(e) => setReviewDate(e.target.value)}
        error={errors.reviewDate ?? fieldError(write.error, 'reviewDate')}
        data-testid="outcome-review-date"
      />
      <div className={formStyles.actions}>
        <Button type="submit" disabled={write.isPending} data-testid="save-outcome">
          {write.isPending ? t('common.working') : t('decisions.outcome.save')}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
    </Form>
  );
}

/**
 * After closing: what was decided and when to look at it again. For advice the proposer decides and
 * says why. The proposer and the chair write it; everyone reads it.
 */
export function Outcome({ proposal, onReload }: { proposal: Proposal; onReload: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mf = useMeetingFormat();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const o = proposal.outcome;
  const steward = proposal.rights.steward;
  if (proposal.status !== 'closed' || (!o && !steward)) return null;
  const done = () => {
    setEditing(false);
    setSaved(true);
    focusSoon('edit-outcome', 'outcome-h');
  };
  return (
    <Card aria-labelledby="outcome-h" data-testid="outcome">
      <h2 id="outcome-h" tabIndex={-1}>
        {proposal.process === 'advice' ? t('decisions.outcome.adviceTitle') : t('decisions.outcome.title')}
      </h2>
      {o && !editing ? (
        <>
          <p className={styles.text} data-testid="outcome-statement-text">
            {o.statement}
          </p>
          <p className={styles.muted}>
            {o.writtenBy ? t('decisions.outcome.writtenBy', { name: o.writtenBy.name, date: fmt.dateTime(o.writtenAt) }) : fmt.dateTime(o.writtenAt)}
          </p>
          <p>{o.reviewDate ? t('decisions.outcome.reviewOn', { date: mf.localDate(o.reviewDate, 'long') }) : t('decisions.outcome.noReview')}</p>
          {steward && (
            <Button id="edit-outcome" variant="secondary" onClick={() => (setSaved(false), setEditing(true))}>
              {t('decisions.outcome.edit')}
            </Button>
          )}
        </>
      ) : (
        <>
          {!o && <p>{proposal.process === 'advice' ? t('decisions.outcome.adviceLead') : t('decisions.outcome.lead')}</p>}
          <OutcomeForm
            proposal={proposal}
            onDone={done}
            onReload={onReload}
            onCancel={o ? () => (setEditing(false), focusSoon('edit-outcome')) : undefined}
          />
        </>
      )}
      <p role="status" className={styles.status}>
        {saved ? t('decisions.outcome.saved') : ''}
      </p>
    </Card>
  );
}

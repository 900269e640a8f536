import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../../contracts/decisions';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Form, FormAlert, TextArea, formStyles } from '../../ui/Form';
import { Card } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { focusSoon } from '../agenda/focus';
import { isStale, useAmendProposal, useWithdrawProposal } from './api';
import { focusFirstInvalid } from './focus';
import { ProposalFields, closesAtOf, closingValues, mergeErrors, useProposalCheck, type ProposalErrors, type ProposalValues } from './ProposalFields';
import styles from './decisions.module.css';

function AmendForm({ proposal, onDone, onCancel, onReload }: { proposal: Proposal; onDone: () => void; onCancel: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const amend = useAmendProposal(proposal.id);
  const check = useProposalCheck();
  const [values, setValues] = useState<ProposalValues>(() => ({
    title: proposal.title,
    body: proposal.body,
    background: proposal.background,
    process: proposal.process,
    ...closingValues(proposal.closesAt, timeZone),
  }));
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<ProposalErrors & { note?: string }>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = { ...check(values, timeZone), note: note.trim() ? undefined : t('decisions.amend.noteRequired') };
    setLocal(next);
    if (next.title || next.body || next.closesAt || next.note) return focusFirstInvalid(e.currentTarget);
    amend.mutate(
      {
        version: proposal.version,
        title: values.title.trim(),
        body: values.body.trim(),
        background: values.background.trim() || undefined,
        closesAt: closesAtOf(values, timeZone) ?? null,
        note: note.trim(),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <Form onSubmit={submit} className={styles.wideForm} data-testid="amend-form">
      <p className={styles.muted}>{t('decisions.amend.lead')}</p>
      <FormAlert error={amend.error} onReload={isStale(amend.error) ? onReload : undefined} />
      <ProposalFields values={values} onChange={setValues} errors={mergeErrors(local, amend.error)} timeZone={timeZone} withProcess={false} />
      <TextArea
        label={t('decisions.amend.note')}
        description={t('decisions.amend.noteHint')}
        value={note}
        maxLength={2000}
        rows={3}
        required
        onChange={(e) => setNote(e.target.value)}
        error={local.note ?? fieldError(amend.error, 'note')}
        data-testid="amend-note"
      />
      <div className={formStyles.actions}>
        <Button type="submit" disabled={amend.isPending} data-testid="submit-amend">
          {amend.isPending ? t('common.working') : t('decisions.amend.submit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}

function WithdrawDialog({ proposal, open, onClose, onReload }: { proposal: Proposal; open: boolean; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawProposal(proposal.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('decisions.withdraw.reasonRequired'));
      return focusFirstInvalid(e.currentTarget);
    }
    setError(undefined);
    withdraw.mutate({ version: proposal.version, reason: reason.trim() }, { onSuccess: () => (onClose(), focusSoon('proposal-h')) });
  };
  return (
    <Dialog open={open} onClose={onClose} title={t('decisions.withdraw.title')}>
      <Form onSubmit={submit} data-testid="withdraw-form">
        <p>{t('decisions.withdraw.body')}</p>
        <FormAlert error={withdraw.error} onReload={isStale(withdraw.error) ? () => (onClose(), onReload()) : undefined} />
        <TextArea
          label={t('decisions.withdraw.reason')}
          value={reason}
          maxLength={2000}
          rows={3}
          required
          onChange={(e) => setReason(e.target.value)}
          error={error ?? fieldError(withdraw.error, 'reason')}
          data-testid="withdraw-reason"
        />
        <div className={formStyles.actions}>
          <Button type="submit" variant="danger" disabled={withdraw.isPending} data-testid="confirm-withdraw">
            {withdraw.isPending ? t('common.working') : t('decisions.withdraw.confirm')}
          </Button>
          <Button variant="secondary" onClick={onClose} autoFocus>
            {t('common.cancel')}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

/** For the proposer while the proposal is open: a new wording (everyone re-confirms) or withdrawing it. */
export function ProposerActions({ proposal, onReload }: { proposal: Proposal; onReload: () => void }) {
  const { t } = useTranslation();
  const [amending, setAmending] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [amended, setAmended] = useState(false);
  if (proposal.status !== 'open' || (!proposal.rights.amend && !proposal.rights.withdraw)) return null;
  return (
    <Card aria-labelledby="proposer-h" data-testid="proposer-actions">
      <h2 id="proposer-h" tabIndex={-1}>
        {amending ? t('decisions.amend.title') : t('decisions.proposer.title')}
      </h2>
      {amending ? (
        <AmendForm
          proposal={proposal}
          onDone={() => {
            setAmending(false);
            setAmended(true);
            focusSoon('proposer-h');
          }}
          onCancel={() => {
            setAmending(false);
            focusSoon('amend-proposal');
          }}
          onReload={onReload}
        />
      ) : (
        <>
          <p className={styles.muted}>{proposal.standing.blocking.length > 0 ? t('decisions.proposer.leadBlocked') : t('decisions.proposer.lead')}</p>
          <div className={styles.actions}>
            {proposal.rights.amend && (
              <Button id="amend-proposal" variant="secondary" onClick={() => (setAmended(false), setAmending(true), focusSoon('proposer-h'))} data-testid="amend-proposal">
                {t('decisions.amend.open')}
              </Button>
            )}
            {proposal.rights.withdraw && (
              <Button id="withdraw-proposal" variant="danger" onClick={() => setWithdrawing(true)} data-testid="withdraw-proposal">
                {t('decisions.withdraw.open')}
              </Button>
            )}
          </div>
        </>
      )}
      <p role="status" className={styles.status}>
        {amended ? t('decisions.amend.saved') : ''}
      </p>
      <WithdrawDialog
        proposal={proposal}
        open={withdrawing}
        onClose={() => {
          setWithdrawing(false);
          focusSoon('withdraw-proposal', 'proposal-h');
        }}
        onReload={onReload}
      />
    </Card>
  );
}

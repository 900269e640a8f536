import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionProcess, Position } from '../../../contracts/decision-rules';
import type { ProposalResponse } from '../../../contracts/decisions';
import { fieldError, isApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, formStyles } from '../../ui/Form';
import { useFormat } from '../../lib/format';
import { useRespond } from './api';
import { focusFirstInvalid } from './focus';
import { PositionBadge } from './labels';
import { PositionFields, initialPosition, usePositionCheck, type PositionErrors, type PositionValue } from './PositionFields';
import styles from './decisions.module.css';

/** The response the server holds now, carried by a 409 'alreadyResponded'. */
function theirResponse(err: unknown): ProposalResponse | null {
  if (!isApiError(err) || err.status !== 409 || err.code !== 'alreadyResponded') return null;
  const c = err.current as Partial<ProposalResponse> | undefined;
  return c && typeof c.position === 'string' && typeof c.version === 'number' ? (c as ProposalResponse) : null;
}

/** My response as far as the form needs it (the meeting room knows no time of it). */
export interface MyResponse {
  position: Position;
  reason: string;
  version: number;
  current: boolean;
  updatedAt?: string;
}

function GivenResponse({ response }: { response: MyResponse }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className={styles.given} data-testid="my-response">
      <p className={styles.tight}>
        {t('decisions.respond.yours')} <PositionBadge position={response.position} />{' '}
        {response.updatedAt && <span className={styles.muted}>({fmt.dateTime(response.updatedAt)})</span>}
      </p>
      {response.reason && <p className={styles.text}>{response.reason}</p>}
    </div>
  );
}

/**
 * My response: given, changed or re-confirmed until the proposal closes. The version I saw travels
 * along, so that a second tab which does not know of my response cannot silently overwrite it.
 */
export function ResponseForm({
  proposalId,
  process,
  round,
  mine,
  lastNote,
  headingLevel = 2,
}: {
  proposalId: string;
  process: DecisionProcess;
  /** The wording shown: a response racing an amendment is refused rather than counted for the new text. */
  round: number;
  mine: MyResponse | null;
  /** Why the proposal was last amended, for whoever has to re-confirm. */
  lastNote?: string;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const respond = useRespond(proposalId);
  const check = usePositionCheck();
  const H = `h${headingLevel}` as const;
  const [value, setValue] = useState<PositionValue>(() => initialPosition(process, mine));
  const [base, setBase] = useState<number | null>(mine?.version ?? null);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<PositionErrors>({});
  const [saved, setSaved] = useState(false);
  // My response changed elsewhere (another tab, the meeting room): show it unless I am typing.
  const seen = mine?.version ?? null;
  if (seen !== base && !dirty && !respond.isPending) {
    setBase(seen);
    setValue(initialPosition(process, mine));
  }
  const other = theirResponse(respond.error);

  const send = (baseVersion: number | null) => {
    if (!value.position) return;
    setSaved(false);
    respond.mutate(
      { position: value.position, reason: value.reason.trim() || undefined, baseVersion, round },
      {
        onSuccess: (p) => {
          setDirty(false);
          setBase(p.myResponse?.version ?? null);
          setSaved(true);
        },
      },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = check(value);
    setErrors(next);
    if (next.position || next.reason) return focusFirstInvalid(e.currentTarget);
    send(base);
  };
  const keepTheirs = (r: ProposalResponse) => {
    respond.reset();
    setValue(initialPosition(process, r));
    setBase(r.version);
    setDirty(false);
  };

  return (
    <Form onSubmit={submit} className={styles.respondForm} aria-labelledby={headingId} data-testid="response-form">
      <H id={headingId} className={styles.tight}>
        {t('decisions.respond.title')}
      </H>
      {mine && !mine.current && (
        <div role="note" className={`${formStyles.alert} ${formStyles.alertWarning}`} data-testid="reconfirm-notice">
          <p className={styles.tight}>
            <strong>{t('decisions.respond.reconfirmTitle')}</strong>
          </p>
          <p className={styles.tight}>{t('decisions.respond.reconfirmBody')}</p>
          {lastNote && <p className={styles.tight}>{t('decisions.respond.whatChanged', { note: lastNote })}</p>}
        </div>
      )}
      {mine && <GivenResponse response={mine} />}
      {other ? (
        <div role="alert" className={`${formStyles.alert} ${formStyles.alertWarning}`} data-testid="already-responded">
          <p className={styles.tight}>
            <strong>{t('decisions.respond.otherTabTitle')}</strong>
          </p>
          <p className={styles.tight}>
            {t('decisions.respond.otherTabBody')} <PositionBadge position={other.position} />
          </p>
          {other.reason && <p className={styles.text}>{other.reason}</p>}
          <div className={formStyles.actions}>
            <Button variant="secondary" onClick={() => keepTheirs(other)} data-testid="keep-other-response">
              {t('decisions.respond.keepTheirs')}
            </Button>
            <Button onClick={() => send(other.version)} disabled={respond.isPending} data-testid="use-my-response">
              {t('decisions.respond.useMine')}
            </Button>
          </div>
        </div>
      ) : (
        <FormAlert error={respond.error} />
      )}
      <PositionFields
        process={process}
        value={value}
        onChange={(v) => {
          setValue(v);
          setDirty(true);
          setSaved(false);
        }}
        errors={{ position: errors.position ?? fieldError(respond.error, 'position'), reason: errors.reason ?? fieldError(respond.error, 'reason') }}
      />
      <div className={formStyles.actions}>
        <Button type="submit" disabled={respond.isPending} data-testid="submit-response">
          {respond.isPending
            ? t('common.working')
            : !mine
              ? t('decisions.respond.submit')
              : mine.current
                ? t('decisions.respond.change')
                : t('decisions.respond.confirm')}
        </Button>
      </div>
      <p role="status" className={styles.status}>
        {saved ? t('decisions.respond.saved') : ''}
      </p>
    </Form>
  );
}

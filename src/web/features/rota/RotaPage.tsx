import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChairMode, Rota } from '../../../contracts/meetings';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Checkbox, Form, FormAlert, SelectField, SuccessMessage, formStyles } from '../../ui/Form';
import { Card, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { meQuery } from '../account/api';
import { useCommunity } from '../communities/CommunityLayout';
import { currentRota, rotaQuery, useSetWilling, useUpdateRota } from './api';
import { UpcomingRota } from './UpcomingRota';
import styles from './rota.module.css';

// A typed record rather than the contract's array, which would pull zod into the browser.
const chairModes = Object.keys({ rotating: true, fixed: true } satisfies Record<ChairMode, true>) as ChairMode[];

function ModeForm({ rota, communityId }: { rota: Rota; communityId: string }) {
  const { t } = useTranslation();
  const update = useUpdateRota(communityId);
  // Based on the version the user started from: a change by someone else meanwhile gives 409.
  const [base, setBase] = useState(rota);
  const [mode, setMode] = useState<ChairMode>(rota.mode);
  const [fixedChair, setFixedChair] = useState(rota.fixedChair?.userId ?? '');
  const [missingChair, setMissingChair] = useState(false);
  const [done, setDone] = useState(false);
  // Follow a newer rota (after our own save, or someone else's) while nothing is being changed here.
  const untouched = mode === base.mode && fixedChair === (base.fixedChair?.userId ?? '');
  if (rota.version !== base.version && untouched && !update.isPending && !update.error) {
    setBase(rota);
    setMode(rota.mode);
    setFixedChair(rota.fixedChair?.userId ?? '');
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (mode === 'fixed' && !fixedChair) {
      setMissingChair(true);
      document.getElementById('fixed-chair')?.focus();
      return;
    }
    setMissingChair(false);
    update.mutate(
      { version: base.version, mode, fixedChairUserId: mode === 'fixed' ? fixedChair : null },
      {
        onSuccess: (r) => {
          setBase(r);
          setDone(true);
        },
      },
    );
  };
  const current = currentRota(update.error);
  const nameOf = (r: Rota) => (r.mode === 'fixed' ? t('rota.mode.fixedWith', { name: r.fixedChair?.name ?? t('rota.nobody') }) : t('rota.mode.rotating'));

  return (
    <Form onSubmit={submit}>
      {current ? (
        <div role="alert" className={`${formStyles.alert} ${formStyles.alertWarning}`} data-testid="conflict-message">
          <p>
            <strong>{t('rota.conflict.title')}</strong>
          </p>
          <p>{t('rota.conflict.body', { now: nameOf(current) })}</p>
          <Button
            variant="secondary"
            onClick={() => {
              setBase(current);
              update.reset();
            }}
          >
            {t('rota.conflict.load')}
          </Button>
        </div>
      ) : (
        <FormAlert error={update.error} />
      )}
      {done && !update.error && <SuccessMessage>{t('rota.mode.saved')}</SuccessMessage>}
      <fieldset className={formStyles.fieldset}>
        <legend className={formStyles.legend}>{t('rota.mode.legend')}</legend>
        {chairModes.map((m) => (
          <div key={m} className={formStyles.check}>
            <input id={`mode-${m}`} type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} aria-describedby={`mode-${m}-d`} />
            <div>
              <label htmlFor={`mode-${m}`}>{t(`rota.mode.${m}`)}</label>
              <p id={`mode-${m}-d`} className={formStyles.description}>
                {t(`rota.mode.${m}Hint`)}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      {mode === 'fixed' && (
        <SelectField
          id="fixed-chair"
          label={t('rota.mode.fixedChair')}
          value={fixedChair}
          onChange={(e) => setFixedChair(e.target.value)}
          error={missingChair ? t('rota.mode.fixedChairRequired') : fieldError(update.error, 'fixedChairUserId')}
        >
          <option value="">{t('rota.mode.chooseChair')}</option>
          {rota.members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.organisationName ? `${m.name} (${m.organisationName})` : m.name}
            </option>
          ))}
        </SelectField>
      )}
      <div>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t('common.working') : t('rota.mode.save')}
        </Button>
      </div>
    </Form>
  );
}

function Willing({ rota, communityId, myId }: { rota: Rota; communityId: string; myId: string }) {
  const { t } = useTranslation();
  const set = useSetWilling(communityId);
  const me = rota.members.find((m) => m.userId === myId);
  if (!me) return null;
  return (
    <Card aria-labelledby="willing-h">
      <h2 id="willing-h">{t('rota.willing.title')}</h2>
      <p>{t('rota.willing.lead')}</p>
      <FormAlert error={set.error} />
      <Checkbox
        label={t('rota.willing.label')}
        checked={me.willing}
        onChange={(e) => !set.isPending && set.mutate(e.target.checked)}
        data-testid="willing-to-chair"
      />
      <p role="status" className={formStyles.description}>
        {set.isSuccess ? (me.willing ? t('rota.willing.savedYes') : t('rota.willing.savedNo')) : ''}
      </p>
    </Card>
  );
}

function Members({ rota, myId }: { rota: Rota; myId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="members-h">
      <h2 id="members-h">{t('rota.members.title')}</h2>
      <div className={styles.tableWrap} tabIndex={0} role="region" aria-labelledby="members-h">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('rota.members.name')}</th>
              <th scope="col">{t('rota.members.willing')}</th>
              <th scope="col" className={styles.num}>{t('rota.members.taken')}</th>
              <th scope="col" className={styles.num}>{t('rota.members.planned')}</th>
            </tr>
          </thead>
          <tbody>
            {rota.members.map((m) => (
              <tr key={m.userId}>
                <th scope="row">
                  {m.name}
                  {m.userId === myId && <> ({t('rota.you')})</>}
                  {m.organisationName && <span className={styles.sub}>{m.organisationName}</span>}
                </th>
                <td>{m.willing ? t('rota.members.yes') : t('rota.members.no')}</td>
                <td className={styles.num}>{m.turnsTaken}</td>
                <td className={styles.num}>{m.turnsPlanned}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function RotaPage() {
  const { t } = useTranslation();
  const community = useCommunity();
  usePageTitle(t('rota.documentTitle', { name: community.name }));
  const rota = useQuery(rotaQuery(community.id));
  const { data: me } = useQuery(meQuery);

  if (rota.isPending) return <Loading />;
  if (rota.isError) return <QueryError inline error={rota.error} onRetry={() => void rota.refetch()} />;
  const r = rota.data;
  return (
    <div className={styles.page}>
      <PageHeader title={t('rota.title')} lead={t('rota.lead')} />
      <Card aria-labelledby="mode-h">
        <h2 id="mode-h">{t('rota.mode.title')}</h2>
        {r.canManage ? (
          <ModeForm rota={r} communityId={community.id} />
        ) : (
          <p data-testid="chair-mode">{r.mode === 'fixed' ? t('rota.mode.fixedWith', { name: r.fixedChair?.name ?? t('rota.nobody') }) : t('rota.mode.rotatingLong')}</p>
        )}
      </Card>
      {me && <Willing rota={r} communityId={community.id} myId={me.id} />}
      <UpcomingRota rota={r} communityId={community.id} myId={me?.id} />
      <Members rota={r} myId={me?.id} />
    </div>
  );
}

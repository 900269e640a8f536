import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteMode } from '../../../contracts/room-state';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { Form, SelectField, formStyles } from '../../ui/Form';
import { seated } from './Circle';
import { Seating } from './Seating';
import { usePending, useRoom } from './useRoom';
import styles from './room.module.css';

function HandOver() {
  const { t } = useTranslation();
  const { state, me, send, live } = useRoom();
  const others = seated(state).filter((m) => m.userId !== me.userId);
  const [to, setTo] = useState('');
  const pending = usePending((i) => i.kind === 'chair.handOver');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (to) send({ kind: 'chair.handOver', userId: to });
  };
  return (
    <Form onSubmit={submit} className={styles.setting} data-testid="room-hand-over">
      <h3 className={styles.tight}>{t('room.chair.handOverTitle')}</h3>
      <SelectField label={t('room.chair.handOverTo')} value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">{t('room.chair.choose')}</option>
        {others.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <div className={formStyles.actions}>
        <Button type="submit" variant="secondary" disabled={!live || !to || pending}>
          {t('room.chair.handOver')}
        </Button>
      </div>
    </Form>
  );
}

function NoteSettings() {
  const { t } = useTranslation();
  const { state, send, live } = useRoom();
  const [mode, setMode] = useState<NoteMode>(state.notesMode);
  const [taker, setTaker] = useState(state.noteTakerUserId ?? '');
  const [error, setError] = useState<string | undefined>();
  const pending = usePending((i) => i.kind === 'notes.configure');
  const changed = mode !== state.notesMode || (mode === 'noteTaker' && taker !== (state.noteTakerUserId ?? ''));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'noteTaker' && !taker) {
      setError(t('room.notes.chooseTaker'));
      return;
    }
    setError(undefined);
    send({ kind: 'notes.configure', mode, noteTakerUserId: mode === 'noteTaker' ? taker : null });
  };
  return (
    <Form onSubmit={submit} className={styles.setting} data-testid="room-note-settings">
      <fieldset className={formStyles.fieldset}>
        <legend className={formStyles.legend}>{t('room.notes.whoWrites')}</legend>
        {(['noteTaker', 'anyone'] as const).map((m) => (
          <div key={m} className={formStyles.check}>
            <input id={`notes-mode-${m}`} type="radio" name="notes-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            <label htmlFor={`notes-mode-${m}`}>{t(`room.notes.mode.${m}`)}</label>
          </div>
        ))}
      </fieldset>
      {mode === 'noteTaker' && (
        <SelectField label={t('room.notes.taker')} value={taker} onChange={(e) => setTaker(e.target.value)} error={error}>
          <option value="">{t('room.chair.choose')}</option>
          {seated(state).map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
      )}
      <div className={formStyles.actions}>
        <Button type="submit" variant="secondary" disabled={!live || pending || !changed}>
          {t('room.notes.saveSettings')}
        </Button>
      </div>
    </Form>
  );
}

function EndOfMeeting() {
  const { t } = useTranslation();
  const { state, send, live } = useRoom();
  const [confirm, setConfirm] = useState(false);
  const opening = usePending((i) => i.kind === 'checkOut.open');
  const closing = usePending((i) => i.kind === 'room.close');
  return (
    <section aria-labelledby="room-end-h" className={styles.setting}>
      <h3 id="room-end-h">{t('room.end.title')}</h3>
      <div className={styles.buttons}>
        {!state.checkOut.open && (
          <Button variant="secondary" disabled={!live || opening} onClick={() => send({ kind: 'checkOut.open' })} data-testid="room-open-checkout">
            {t('room.checkOut.open')}
          </Button>
        )}
        <Button variant="danger" disabled={!live || closing} onClick={() => setConfirm(true)} data-testid="room-close">
          {t('room.end.close')}
        </Button>
      </div>
      <ConfirmDialog
        open={confirm}
        title={t('room.end.confirmTitle')}
        confirmLabel={t('room.end.confirm')}
        onCancel={() => setConfirm(false)}
        onConfirm={() => {
          send({ kind: 'room.close' });
          setConfirm(false);
        }}
      >
        <p>{t('room.end.confirmBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

/** The chair's settings: seating, handing over, who takes notes, check-out and closing. */
export function ChairSettings() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="room-chair-h" className={styles.panel} data-testid="room-chair-settings">
      <h2 id="room-chair-h">{t('room.chair.settings')}</h2>
      <div className={styles.settings}>
        <Seating />
        <HandOver />
        <NoteSettings />
        <EndOfMeeting />
      </div>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomAction } from '../../../contracts/room-state';
import { Button } from '../../ui/Button';
import { Form, SelectField, TextField, formStyles } from '../../ui/Form';
import { EmptyState } from '../../ui/Page';
import { useMeetingFormat } from '../../lib/format';
import { seated } from './Circle';
import { useMemberName, useRejection, useRoom, useRoomRights } from './useRoom';
import styles from './room.module.css';

function ActionLine({ action, queued }: { action: Omit<RoomAction, 'id'>; queued?: boolean }) {
  const { t } = useTranslation();
  const { state } = useRoom();
  const name = useMemberName();
  const mf = useMeetingFormat();
  const item = state.items.find((i) => i.id === action.agendaItemId);
  return (
    <li className={styles.action} data-testid="room-action">
      <strong>{action.title}</strong>
      <span className={styles.muted}>
        {[
          action.ownerUserId ? t('room.actions.owner', { name: name(action.ownerUserId) }) : t('room.actions.noOwner'),
          action.dueDate ? t('room.actions.due', { date: mf.localDate(action.dueDate, 'medium') }) : null,
          item ? t('room.actions.item', { title: item.title }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
      {queued && <span className={styles.queued}>{t('room.actions.queued')}</span>}
    </li>
  );
}

function AddAction() {
  const { t } = useTranslation();
  const { state, send } = useRoom();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [itemId, setItemId] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const { rejection, dismiss } = useRejection((i) => i.kind === 'action.add');
  const chosenItem = itemId ?? state.currentItemId ?? '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError(t('room.actions.titleRequired'));
      return;
    }
    setError(undefined);
    dismiss();
    send({ kind: 'action.add', title: title.trim(), ownerUserId: owner || null, dueDate: due || null, agendaItemId: chosenItem || null });
    setTitle('');
    setOwner('');
    setDue('');
  };

  return (
    <Form onSubmit={submit} className={styles.addAction} data-testid="room-add-action">
      <h3 className={styles.tight}>{t('room.actions.add')}</h3>
      {rejection && (
        <div role="alert" className={formStyles.alert}>
          <p className={styles.tight}>
            <strong>{rejection.message}</strong>
          </p>
          <Button variant="quiet" size="small" onClick={dismiss}>
            {t('room.dismiss')}
          </Button>
        </div>
      )}
      <TextField label={t('room.actions.title')} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} error={error} />
      <div className={styles.fieldRow}>
        <SelectField label={t('room.actions.ownerLabel')} optional value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">{t('room.actions.noOwner')}</option>
          {seated(state).map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('room.actions.dueLabel')} optional type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        <SelectField label={t('room.actions.itemLabel')} optional value={chosenItem} onChange={(e) => setItemId(e.target.value)}>
          <option value="">{t('room.actions.noItem')}</option>
          {state.items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </SelectField>
      </div>
      <div className={formStyles.actions}>
        <Button type="submit" variant="secondary" data-testid="room-add-action-submit">
          {t('room.actions.addButton')}
        </Button>
      </div>
    </Form>
  );
}

/** Action items captured during the meeting; ones not yet confirmed by the server say so. */
export function LiveActions() {
  const { t } = useTranslation();
  const { state, snapshot } = useRoom();
  const { mayWriteNotes } = useRoomRights();
  const queued = snapshot.outbox.flatMap((e) => (e.intent.kind === 'action.add' ? [{ id: e.id, ...e.intent }] : []));
  return (
    <section aria-labelledby="room-actions-h" className={styles.panel} data-testid="room-actions">
      <h2 id="room-actions-h">{t('room.actions.heading')}</h2>
      {state.actions.length + queued.length === 0 ? (
        <EmptyState>{t('room.actions.none')}</EmptyState>
      ) : (
        <ul className={styles.plainList}>
          {state.actions.map((a) => (
            <ActionLine key={a.id} action={a} />
          ))}
          {queued.map((a) => (
            <ActionLine key={a.id} action={a} queued />
          ))}
        </ul>
      )}
      {mayWriteNotes && <AddAction />}
    </section>
  );
}

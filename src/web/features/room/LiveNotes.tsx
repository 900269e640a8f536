import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../ui/Form';
import { EmptyState } from '../../ui/Page';
import { DraftEditor } from './DraftEditor';
import { NOTE_MAX } from './limits';
import { noteKey } from './storage';
import { useMemberName, useRoom, useRoomRights } from './useRoom';
import styles from './room.module.css';

/**
 * Notes per programme item, taken live by the note-taker (or anyone, as the community chose).
 * They are the minutes' notes: nothing is typed twice.
 */
export function LiveNotes() {
  const { t } = useTranslation();
  const { state, me, send } = useRoom();
  const { mayWriteNotes } = useRoomRights();
  const name = useMemberName();
  // Follows the meeting's current item until the writer picks another one.
  const [picked, setPicked] = useState<string | null>(null);
  const itemId = picked ?? state.currentItemId ?? state.items[0]?.id ?? null;
  const item = state.items.find((i) => i.id === itemId);
  const note = itemId ? state.notes[itemId] : undefined;
  const who =
    state.notesMode === 'anyone'
      ? t('room.notes.byAnyone')
      : state.noteTakerUserId
        ? t('room.notes.byTaker', { name: name(state.noteTakerUserId) })
        : t('room.notes.byChair');

  return (
    <section aria-labelledby="room-notes-h" className={styles.panel} data-testid="room-notes">
      <h2 id="room-notes-h">{t('room.notes.title')}</h2>
      <p className={styles.muted}>{who}</p>
      {state.items.length === 0 ? (
        <EmptyState>{t('room.programme.none')}</EmptyState>
      ) : (
        <>
          <SelectField label={t('room.notes.item')} value={itemId ?? ''} onChange={(e) => setPicked(e.target.value || null)}>
            {state.items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
                {i.id === state.currentItemId ? ` (${t('room.programme.now')})` : ''}
              </option>
            ))}
          </SelectField>
          {item && note && mayWriteNotes ? (
            <DraftEditor
              key={item.id}
              draftKey={noteKey(item.id)}
              saved={note}
              matches={(i) => i.kind === 'note.save' && i.itemId === item.id}
              save={(text, baseVersion) => send({ kind: 'note.save', itemId: item.id, text, baseVersion: baseVersion ?? note.version })}
              label={t('room.notes.label', { title: item.title })}
              maxLength={NOTE_MAX}
              rows={6}
              saveLabel={t('room.notes.save')}
              testId="note-editor"
              writtenBy={note.updatedBy && note.updatedBy !== me.userId ? name(note.updatedBy) : undefined}
            />
          ) : note?.text ? (
            <p className={styles.body} data-testid="room-note-text">
              {note.text}
            </p>
          ) : (
            <EmptyState>{t('room.notes.none')}</EmptyState>
          )}
        </>
      )}
    </section>
  );
}

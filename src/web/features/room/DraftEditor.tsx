import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomIntent } from '../../../contracts/room-state';
import { Button } from '../../ui/Button';
import { Form, TextArea, formStyles } from '../../ui/Form';
import { useDraft, usePending, useRejection, useRoom } from './useRoom';
import styles from './room.module.css';

interface Saved {
  text: string;
  version: number;
}

/**
 * A text saved through the room (a harvest, an item's notes). What is typed is a draft in
 * localStorage until the server acknowledges it, so a reload or a dropped connection loses
 * nothing. When someone else saved a newer version meanwhile, both texts are shown and the writer
 * chooses; nothing is overwritten silently.
 */
export function DraftEditor({
  draftKey,
  saved,
  matches,
  save,
  label,
  description,
  maxLength,
  rows = 4,
  saveLabel,
  testId,
  writtenBy,
}: {
  draftKey: string;
  saved: Saved | undefined;
  /** Which intents are saves of this text. */
  matches: (intent: RoomIntent) => boolean;
  save: (text: string, baseVersion: number | null) => void;
  label: ReactNode;
  description?: ReactNode;
  maxLength: number;
  rows?: number;
  saveLabel: string;
  testId: string;
  /** Who saved the newer version, for the conflict message. */
  writtenBy?: string;
}) {
  const { t } = useTranslation();
  const { live } = useRoom();
  const id = useId();
  const [draft, setDraft] = useDraft(draftKey);
  const pending = usePending(matches);
  const { rejection, dismiss } = useRejection(matches);
  const savedText = saved?.text ?? '';
  const savedVersion = saved?.version ?? null;
  const text = draft?.text ?? savedText;
  // Someone saved after this draft was started (a refused save says so too; the room state already has their text).
  const behind = !!draft && !pending && savedVersion !== null && savedVersion > (draft.baseVersion ?? 0);
  // A refusal the conflict box does not already explain (no rights, room closed, too long…).
  const otherRejection = rejection && !behind && !pending ? rejection : undefined;

  const change = (value: string) => {
    const base = draft ? draft.baseVersion : savedVersion;
    setDraft(value === savedText && base === savedVersion ? undefined : { text: value, baseVersion: base });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft || pending || behind) return;
    dismiss();
    save(draft.text, draft.baseVersion);
  };

  const status = pending
    ? live
      ? t('room.draft.saving')
      : t('room.draft.queued')
    : draft
      ? t('room.draft.unsaved')
      : saved
        ? t('room.draft.saved')
        : '';

  return (
    <Form onSubmit={submit} className={styles.editor} data-testid={testId}>
      {behind && saved && (
        <div role="alert" className={`${formStyles.alert} ${formStyles.alertWarning}`} data-testid="room-conflict">
          <p className={styles.tight}>
            <strong>{writtenBy ? t('room.draft.conflictBy', { name: writtenBy }) : t('room.draft.conflict')}</strong>
          </p>
          <p className={styles.tight}>{t('room.draft.conflictSaved')}</p>
          <p className={formStyles.serverValue}>{saved.text || t('room.draft.empty')}</p>
          <p>{t('room.draft.conflictBody')}</p>
          <div className={formStyles.actions}>
            <Button
              variant="secondary"
              size="small"
              onClick={() => {
                dismiss();
                setDraft({ text, baseVersion: saved.version });
                document.getElementById(id)?.focus();
              }}
            >
              {t('room.draft.keepMine')}
            </Button>
            <Button
              variant="quiet"
              size="small"
              onClick={() => {
                dismiss();
                setDraft(undefined);
                document.getElementById(id)?.focus();
              }}
            >
              {t('room.draft.takeSaved')}
            </Button>
          </div>
        </div>
      )}
      {otherRejection && (
        <div role="alert" className={formStyles.alert}>
          <p className={styles.tight}>
            <strong>{otherRejection.message}</strong>
          </p>
          <Button variant="quiet" size="small" onClick={dismiss}>
            {t('room.dismiss')}
          </Button>
        </div>
      )}
      <TextArea
        id={id}
        label={label}
        description={description}
        value={text}
        rows={rows}
        maxLength={maxLength}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
        }}
      />
      <div className={formStyles.actions}>
        <Button type="submit" variant="secondary" disabled={!draft || pending || behind} data-testid={`${testId}-save`}>
          {saveLabel}
        </Button>
        <span role="status" className={styles.muted}>
          {status}
        </span>
      </div>
    </Form>
  );
}

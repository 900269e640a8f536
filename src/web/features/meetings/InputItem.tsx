import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { inputKinds, type InputKind } from '../../../contracts/enums';
import type { MeetingInput } from '../../../contracts/meetings';
import { fieldError, isApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { Form, FormAlert, SelectField, SuccessMessage, TextArea, TextField, formStyles } from '../../ui/Form';
import { Badge, useAutoFocusRef } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { inputsQuery, isStale, useDeleteInput, useUpdateInput, type InputValues } from './api';
import { SavedValue } from './fields';
import styles from './meetings.module.css';

const isInput = (x: unknown): x is MeetingInput => typeof x === 'object' && x !== null && 'version' in x && 'kind' in x && 'title' in x;

/** Kind, title and body of one input: for adding and for editing. */
export function InputFields({
  values,
  onChange,
  error,
  saved,
}: {
  values: InputValues;
  onChange: (v: InputValues) => void;
  error: unknown;
  saved?: InputValues;
}) {
  const { t } = useTranslation();
  const kindLabel = (k: string) => t(`meetings.input.kind.${k}`);
  return (
    <>
      <SelectField
        label={t('meetings.input.kindLabel')}
        value={values.kind}
        onChange={(e) => onChange({ ...values, kind: e.target.value as InputKind })}
        error={fieldError(error, 'kind')}
        after={<SavedValue saved={saved?.kind} current={values.kind} render={kindLabel} />}
      >
        {inputKinds.map((k) => (
          <option key={k} value={k}>
            {kindLabel(k)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('meetings.input.titleLabel')}
        description={t(`meetings.input.titleHint.${values.kind}`)}
        value={values.title}
        maxLength={200}
        onChange={(e) => onChange({ ...values, title: e.target.value })}
        error={fieldError(error, 'title')}
        required
        after={<SavedValue saved={saved?.title} current={values.title} />}
      />
      <TextArea
        label={t('meetings.input.bodyLabel')}
        value={values.body}
        maxLength={4000}
        rows={4}
        onChange={(e) => onChange({ ...values, body: e.target.value })}
        error={fieldError(error, 'body')}
        optional
        after={<SavedValue saved={saved?.body} current={values.body} />}
      />
    </>
  );
}

function EditInput({ input, meetingId, communityId, onDone }: { input: MeetingInput; meetingId: string; communityId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateInput(meetingId, communityId);
  const heading = useAutoFocusRef<HTMLHeadingElement>();
  const qc = useQueryClient();
  const toValues = (i: MeetingInput): InputValues => ({ kind: i.kind, title: i.title, body: i.body });
  // The version the edit started from; a newer one on the server gives 409 instead of an overwrite.
  const [base, setBase] = useState(input);
  const [v, setV] = useState<InputValues>(toValues(input));
  const [saved, setSaved] = useState<InputValues | undefined>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const before = toValues(base);
    const body: Partial<InputValues> = {};
    if (v.kind !== before.kind) body.kind = v.kind;
    if (v.title.trim() !== before.title) body.title = v.title.trim();
    if (v.body.trim() !== before.body) body.body = v.body.trim();
    if (Object.keys(body).length === 0) return onDone();
    update.mutate({ inputId: input.id, version: base.version, ...body }, { onSuccess: onDone });
  };

  const reload = async () => {
    const fromProblem = isApiError(update.error) && isInput(update.error.current) ? update.error.current : null;
    const current = fromProblem ?? (await qc.fetchQuery({ ...inputsQuery(meetingId), staleTime: 0 })).inputs.find((i) => i.id === input.id);
    if (!current) return onDone(); // deleted in the meantime
    // What the user typed stays; untouched fields take the newer saved value.
    const before = toValues(base);
    const latest = toValues(current);
    setV((prev) => ({
      kind: prev.kind !== before.kind ? prev.kind : latest.kind,
      title: prev.title !== before.title ? prev.title : latest.title,
      body: prev.body !== before.body ? prev.body : latest.body,
    }));
    setBase(current);
    setSaved(latest);
    update.reset();
  };

  return (
    <Form onSubmit={submit} aria-labelledby={`edit-${input.id}`}>
      <h4 id={`edit-${input.id}`} ref={heading} tabIndex={-1} className={styles.editHeading}>
        {t('meetings.input.editTitle', { title: base.title })}
      </h4>
      <FormAlert error={update.error} onReload={isStale(update.error) ? () => void reload() : undefined} />
      {saved && !update.error && <SuccessMessage>{t('common.conflict.reloaded')}</SuccessMessage>}
      <InputFields values={v} onChange={setV} error={update.error} saved={saved} />
      <div className={formStyles.actions}>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t('common.working') : t('common.save')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}

export function InputItem({ input, meetingId, communityId, canChange }: { input: MeetingInput; meetingId: string; communityId: string; canChange: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteInput(meetingId, communityId);
  const edited = input.updatedAt !== input.createdAt;

  if (editing) {
    return (
      <li className={styles.input} data-testid="input-item">
        <EditInput input={input} meetingId={meetingId} communityId={communityId} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className={styles.input} data-testid="input-item">
      <p className={styles.inputKind}>
        <Badge tone="primary">{t(`meetings.input.kind.${input.kind}`)}</Badge>
        {input.agendaItemIds.length > 0 && <Badge tone="success">{t('meetings.input.inProgramme')}</Badge>}
      </p>
      <h4 className={styles.inputTitle}>{input.title}</h4>
      {input.body && <p className={styles.inputBody}>{input.body}</p>}
      <p className={styles.meetingMeta}>
        {t('meetings.input.by', { name: input.author.name })}
        {input.author.organisationName && <> ({input.author.organisationName})</>}
        {input.mine && <> · {t('meetings.input.mine')}</>}
        <span aria-hidden="true"> · </span>
        {edited ? t('meetings.input.editedAt', { date: fmt.dateTime(input.updatedAt) }) : fmt.dateTime(input.createdAt)}
      </p>
      {input.mine && canChange && (
        <div className={styles.inputActions}>
          <Button variant="secondary" size="small" onClick={() => setEditing(true)} aria-label={t('meetings.input.editLabel', { title: input.title })}>
            {t('common.edit')}
          </Button>
          <Button
            variant="secondary"
            size="small"
            onClick={() => {
              remove.reset();
              setDeleting(true);
            }}
            aria-label={t('meetings.input.deleteLabel', { title: input.title })}
          >
            {t('common.remove')}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={deleting}
        title={t('meetings.input.deleteTitle', { title: input.title })}
        confirmLabel={t('meetings.input.deleteConfirm')}
        pending={remove.isPending}
        onCancel={() => setDeleting(false)}
        onConfirm={() => remove.mutate(input.id, { onSuccess: () => setDeleting(false) })}
        error={<FormAlert error={remove.error} />}
      >
        <p>{input.agendaItemIds.length > 0 ? t('meetings.input.deleteBodyInProgramme') : t('meetings.input.deleteBody')}</p>
      </ConfirmDialog>
    </li>
  );
}

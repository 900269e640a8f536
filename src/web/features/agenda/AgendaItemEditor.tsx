import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem, AgendaItemKind, MeetingInput } from '../../../contracts/meetings';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { CheckboxGroup, Form, FormAlert, SelectField, TextField, formStyles } from '../../ui/Form';
import { useMeetingFormat } from '../../lib/format';
import { currentOf, fieldErrorUnder, useCreateAgendaItem, useUpdateAgendaItem, type AgendaItemChange, type MemberOption } from './api';
import { ConflictNotice, SavedValue } from './Conflict';
import styles from './agenda.module.css';

// The kinds in their programme order. A typed record instead of the contract's array, so that this
// page does not pull zod (which the contracts module imports) into the browser; the compiler still
// demands every kind.
const kindOrder: Record<AgendaItemKind, number> = { harvestRound: 0, discussion: 1, decision: 2, productWork: 3, evaluation: 4, checkOut: 5 };
const agendaItemKinds = Object.keys(kindOrder) as AgendaItemKind[];

export interface ItemValues {
  kind: AgendaItemKind;
  title: string;
  duration: string;
  ownerUserId: string;
  inputIds: string[];
}

export const itemValues = (i: AgendaItem): ItemValues => ({
  kind: i.kind,
  title: i.title,
  duration: String(i.durationMinutes),
  ownerUserId: i.owner?.userId ?? '',
  inputIds: [...i.inputIds],
});

const sameValue = (a: ItemValues[keyof ItemValues], b: ItemValues[keyof ItemValues]) =>
  Array.isArray(a) && Array.isArray(b) ? [...a].sort().join() === [...b].sort().join() : a === b;

const keys = ['kind', 'title', 'duration', 'ownerUserId', 'inputIds'] as const;

/** The user's edits (fields that differ from `base`) on top of `latest`. */
function keepEdits(edited: ItemValues, base: ItemValues, latest: ItemValues): ItemValues {
  const next = { ...latest };
  for (const k of keys) if (!sameValue(edited[k], base[k])) (next as Record<string, unknown>)[k] = edited[k];
  return next;
}

interface Props {
  meetingId: string;
  communityId: string;
  members: MemberOption[];
  inputs: MeetingInput[];
  /** Edit this item; without it the form adds a new one. */
  item?: AgendaItem;
  initial: ItemValues;
  /** Saved (or nothing to save): the item's id. */
  onDone: (itemId: string) => void;
  onCancel: () => void;
}

export function AgendaItemEditor({ meetingId, communityId, members, inputs, item, initial, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  const create = useCreateAgendaItem(meetingId, communityId);
  const update = useUpdateAgendaItem(meetingId, communityId);
  const mutation = item ? update : create;
  // The version this edit is based on stays fixed while the user types, even when a background
  // refetch brings a newer one: saving must then fail with 409 instead of silently overwriting.
  const [base, setBase] = useState<AgendaItem | undefined>(item);
  const [v, setV] = useState<ItemValues>(initial);
  const [saved, setSaved] = useState<ItemValues | undefined>(undefined);
  const [local, setLocal] = useState<{ title?: string; duration?: string }>({});
  const formId = item ? `item-${item.id}` : 'new-item';
  const set = <K extends keyof ItemValues>(k: K, value: ItemValues[K]) => setV((prev) => ({ ...prev, [k]: value }));

  const kindLabel = (k: AgendaItemKind) => t(`agenda.kind.${k}`);
  const ownerName = (id: string) => members.find((m) => m.userId === id)?.name ?? (id ? '?' : t('agenda.item.noOwner'));
  const inputTitles = (ids: string[]) => (ids.length ? ids.map((id) => inputs.find((i) => i.id === id)?.title ?? '?').join('; ') : t('agenda.item.noInputs'));
  const describe: Record<(typeof keys)[number], (x: ItemValues) => string> = {
    kind: (x) => kindLabel(x.kind),
    title: (x) => x.title,
    duration: (x) => fmt.minutes(Number(x.duration)),
    ownerUserId: (x) => ownerName(x.ownerUserId),
    inputIds: (x) => inputTitles(x.inputIds),
  };
  const hint = (k: (typeof keys)[number]) => (saved && !sameValue(saved[k], v[k]) ? <SavedValue>{describe[k](saved)}</SavedValue> : undefined);

  const onKind = (kind: AgendaItemKind) => {
    // A new item's title follows its kind until the user writes one of their own.
    if (!item && (v.title.trim() === '' || v.title === kindLabel(v.kind))) set('title', kindLabel(kind));
    set('kind', kind);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const duration = Number(v.duration);
    const errs = {
      title: v.title.trim() ? undefined : t('agenda.item.titleRequired'),
      duration: Number.isInteger(duration) && duration >= 1 && duration <= 720 ? undefined : t('agenda.item.durationInvalid'),
    };
    setLocal(errs);
    if (errs.title || errs.duration) {
      document.getElementById(errs.title ? `${formId}-title` : `${formId}-duration`)?.focus();
      return;
    }
    const full = { kind: v.kind, title: v.title.trim(), durationMinutes: duration, ownerUserId: v.ownerUserId || null, inputIds: v.inputIds };
    if (!base) {
      create.mutate(full, { onSuccess: (created) => onDone(created.id) });
      return;
    }
    const before = itemValues(base);
    const body: AgendaItemChange = { version: base.version };
    if (!sameValue(v.kind, before.kind)) body.kind = full.kind;
    if (full.title !== before.title) body.title = full.title;
    if (!sameValue(v.duration, before.duration)) body.durationMinutes = full.durationMinutes;
    if (!sameValue(v.ownerUserId, before.ownerUserId)) body.ownerUserId = full.ownerUserId;
    if (!sameValue(v.inputIds, before.inputIds)) body.inputIds = full.inputIds;
    if (Object.keys(body).length === 1) {
      onDone(base.id);
      return;
    }
    update.mutate({ id: base.id, ...body }, { onSuccess: () => onDone(base.id) });
  };

  const current = currentOf<AgendaItem>(update.error);
  const loadCurrent = () => {
    if (!current || !base) return;
    const latest = itemValues(current);
    setV((prev) => keepEdits(prev, itemValues(base), latest));
    setBase(current);
    setSaved(latest);
    update.reset();
    document.getElementById(`${formId}-title`)?.focus();
  };

  const err = mutation.error;
  return (
    <Form onSubmit={submit} className={styles.editor} aria-labelledby={`${formId}-h`}>
      <h3 id={`${formId}-h`} className={styles.editorTitle}>
        {item ? t('agenda.item.editTitle', { title: item.title }) : t('agenda.item.addTitle')}
      </h3>
      {current ? (
        <ConflictNotice
          title={t('agenda.conflict.itemTitle')}
          onLoad={loadCurrent}
          current={keys.map((k) => ({ label: t(`agenda.item.fields.${k}`), value: describe[k](itemValues(current)) }))}
        />
      ) : (
        <FormAlert error={err} />
      )}
      {saved && !err && <p className={formStyles.description} role="status">{t('agenda.conflict.reloaded')}</p>}
      <TextField
        id={`${formId}-title`}
        autoFocus
        label={t('agenda.item.fields.title')}
        value={v.title}
        maxLength={200}
        onChange={(e) => set('title', e.target.value)}
        error={local.title ?? fieldError(err, 'title')}
        after={hint('title')}
        required
      />
      <div className={styles.fieldRow}>
        <SelectField id={`${formId}-kind`} label={t('agenda.item.fields.kind')} value={v.kind} onChange={(e) => onKind(e.target.value as AgendaItemKind)} error={fieldError(err, 'kind')} after={hint('kind')}>
          {agendaItemKinds.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`${formId}-duration`}
          label={t('agenda.item.fields.duration')}
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          value={v.duration}
          onChange={(e) => set('duration', e.target.value)}
          error={local.duration ?? fieldError(err, 'durationMinutes')}
          after={hint('duration')}
          required
        />
      </div>
      <SelectField
        id={`${formId}-owner`}
        label={t('agenda.item.fields.ownerUserId')}
        description={t('agenda.item.ownerHint')}
        value={v.ownerUserId}
        onChange={(e) => set('ownerUserId', e.target.value)}
        error={fieldError(err, 'ownerUserId')}
        after={hint('ownerUserId')}
        optional
      >
        <option value="">{t('agenda.item.noOwner')}</option>
        {members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.organisationName ? `${m.name} (${m.organisationName})` : m.name}
          </option>
        ))}
      </SelectField>
      {inputs.length > 0 ? (
        <CheckboxGroup
          legend={t('agenda.item.fields.inputIds')}
          description={t('agenda.item.inputsHint')}
          options={inputs.map((i) => i.id)}
          value={v.inputIds}
          onChange={(next) => set('inputIds', next)}
          error={fieldErrorUnder(err, 'inputIds')}
          labelFor={(id) => {
            const i = inputs.find((x) => x.id === id);
            return i ? t('agenda.inputs.byline', { title: i.title, author: i.author.name }) : id;
          }}
        />
      ) : (
        <p className={formStyles.description}>{t('agenda.item.noInputsYet')}</p>
      )}
      {hint('inputIds')}
      <div className={formStyles.actions}>
        <Button type="submit" disabled={mutation.isPending} data-testid={item ? 'save-item' : 'add-item-submit'}>
          {mutation.isPending ? t('common.working') : item ? t('agenda.item.save') : t('agenda.item.add')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}

import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ActionItem, AgendaItem } from '../../../contracts/meetings';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { Checkbox, Form, FormAlert, SelectField, TextField, formStyles } from '../../ui/Form';
import { EmptyState } from '../../ui/Page';
import { useMeetingFormat } from '../../lib/format';
import { currentOf, useCreateAction, useDeleteAction, useUpdateAction, type ActionChange, type MemberOption } from './api';
import { focusSoon } from './focus';
import { ConflictNotice, SavedValue } from './Conflict';
import styles from './agenda.module.css';

interface Values {
  title: string;
  ownerUserId: string;
  dueDate: string;
  agendaItemId: string;
}
const fields = ['title', 'ownerUserId', 'dueDate'] as const;
const valuesOf = (a: ActionItem): Values => ({ title: a.title, ownerUserId: a.owner?.userId ?? '', dueDate: a.dueDate ?? '', agendaItemId: a.agendaItemId ?? '' });

interface Shared {
  meetingId: string;
  communityId: string;
  members: MemberOption[];
  items: AgendaItem[];
}

function ActionEditor({ meetingId, communityId, members, items, action, onDone, onCancel }: Shared & { action?: ActionItem; onDone: (id: string) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  const create = useCreateAction(meetingId, communityId);
  const update = useUpdateAction(communityId);
  const mutation = action ? update : create;
  const empty: Values = { title: '', ownerUserId: '', dueDate: '', agendaItemId: '' };
  const [base, setBase] = useState(action);
  const [v, setV] = useState<Values>(action ? valuesOf(action) : empty);
  const [saved, setSaved] = useState<Values | undefined>(undefined);
  const [titleMissing, setTitleMissing] = useState(false);
  const id = action ? `action-${action.id}` : 'new-action';
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const show: Record<(typeof fields)[number], (x: Values) => string> = {
    title: (x) => x.title,
    ownerUserId: (x) => members.find((m) => m.userId === x.ownerUserId)?.name ?? t('agenda.actions.noOwner'),
    dueDate: (x) => (x.dueDate ? fmt.localDate(x.dueDate, 'long') : t('agenda.actions.noDueDate')),
  };
  const hint = (k: (typeof fields)[number]) => (saved && saved[k] !== v[k] ? <SavedValue>{show[k](saved)}</SavedValue> : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!v.title.trim()) {
      setTitleMissing(true);
      document.getElementById(`${id}-title`)?.focus();
      return;
    }
    setTitleMissing(false);
    const owner = v.ownerUserId || null;
    const due = v.dueDate || null;
    if (!base) {
      create.mutate(
        { title: v.title.trim(), ownerUserId: owner, dueDate: due, agendaItemId: v.agendaItemId || null },
        {
          onSuccess: (created) => {
            setV(empty);
            onDone(created.id);
          },
        },
      );
      return;
    }
    const before = valuesOf(base);
    const body: ActionChange = { version: base.version };
    if (v.title.trim() !== before.title) body.title = v.title.trim();
    if (v.ownerUserId !== before.ownerUserId) body.ownerUserId = owner;
    if (v.dueDate !== before.dueDate) body.dueDate = due;
    if (Object.keys(body).length === 1) return onDone(base.id);
    update.mutate({ id: base.id, ...body }, { onSuccess: () => onDone(base.id) });
  };

  const current = currentOf<ActionItem>(update.error);
  const load = () => {
    if (!current || !base) return;
    const latest = valuesOf(current);
    const before = valuesOf(base);
    setV((prev) => {
      const next = { ...latest };
      for (const k of fields) if (prev[k] !== before[k]) next[k] = prev[k];
      return next;
    });
    setBase(current);
    setSaved(latest);
    update.reset();
    document.getElementById(`${id}-title`)?.focus();
  };

  return (
    <Form onSubmit={submit} className={styles.editor} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className={styles.editorTitle}>
        {action ? t('agenda.actions.editTitle', { title: action.title }) : t('agenda.actions.addTitle')}
      </h3>
      {current ? (
        <ConflictNotice
          title={t('agenda.conflict.actionTitle')}
          onLoad={load}
          current={[
            ...fields.map((k) => ({ label: t(`agenda.actions.fields.${k}`), value: show[k](valuesOf(current)) })),
            { label: t('agenda.actions.fields.done'), value: current.done ? t('agenda.actions.done') : t('agenda.actions.open') },
          ]}
        />
      ) : (
        <FormAlert error={mutation.error} />
      )}
      <TextField
        id={`${id}-title`}
        autoFocus={!!action}
        label={t('agenda.actions.fields.title')}
        value={v.title}
        maxLength={200}
        onChange={(e) => set('title', e.target.value)}
        error={titleMissing ? t('agenda.actions.titleRequired') : fieldError(mutation.error, 'title')}
        after={hint('title')}
        required
      />
      <div className={styles.fieldRow}>
        <SelectField label={t('agenda.actions.fields.ownerUserId')} value={v.ownerUserId} onChange={(e) => set('ownerUserId', e.target.value)} error={fieldError(mutation.error, 'ownerUserId')} after={hint('ownerUserId')} optional>
          <option value="">{t('agenda.actions.noOwner')}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('agenda.actions.fields.dueDate')} type="date" value={v.dueDate} onChange={(e) => set('dueDate', e.target.value)} error={fieldError(mutation.error, 'dueDate')} after={hint('dueDate')} optional />
      </div>
      {!action && items.length > 0 && (
        <SelectField label={t('agenda.actions.fields.agendaItemId')} value={v.agendaItemId} onChange={(e) => set('agendaItemId', e.target.value)} error={fieldError(mutation.error, 'agendaItemId')} optional>
          <option value="">{t('agenda.actions.noItem')}</option>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </SelectField>
      )}
      <div className={formStyles.actions}>
        <Button type="submit" disabled={mutation.isPending} data-testid={action ? 'save-action' : 'add-action'}>
          {mutation.isPending ? t('common.working') : action ? t('common.save') : t('agenda.actions.add')}
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

/** Tick an action item off (the chair, or its owner); a stale version shows what is saved now. */
export function DoneToggle({ action, communityId }: { action: ActionItem; communityId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toggle = useUpdateAction(communityId);
  const current = currentOf<ActionItem>(toggle.error);
  return (
    <div className={styles.toggle}>
      <Checkbox
        label={
          <>
            {t('agenda.actions.done')}
            <span className="sr-only">: {action.title}</span>
          </>
        }
        // The tick shows at once; it falls back when saving fails.
        checked={toggle.isPending && toggle.variables ? !!toggle.variables.done : action.done}
        onChange={(e) => !toggle.isPending && toggle.mutate({ id: action.id, version: action.version, done: e.target.checked })}
      />
      {current ? (
        <ConflictNotice
          title={t('agenda.conflict.actionTitle')}
          onLoad={() => {
            toggle.reset();
            void qc.invalidateQueries({ queryKey: ['meeting'] });
          }}
          current={[
            { label: t('agenda.actions.fields.title'), value: current.title },
            { label: t('agenda.actions.fields.done'), value: current.done ? t('agenda.actions.done') : t('agenda.actions.open') },
          ]}
        />
      ) : (
        <FormAlert error={toggle.error} />
      )}
    </div>
  );
}

/** Title, owner and due date; the status in words unless a checkbox next to it already shows it. */
export function ActionSummary({ action, extra, showStatus = true }: { action: ActionItem; extra?: string; showStatus?: boolean }) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  return (
    <div className={styles.itemBody}>
      <span className={action.done ? styles.done : undefined}>
        <strong>{action.title}</strong>
      </span>
      <p className={styles.itemMeta}>
        {showStatus && <span>{action.done ? t('agenda.actions.done') : t('agenda.actions.open')}</span>}
        {action.owner && <span>{t('agenda.actions.ownerIs', { name: action.owner.name })}</span>}
        {action.dueDate && <span>{t('agenda.actions.dueOn', { date: fmt.localDate(action.dueDate, 'long') })}</span>}
        {extra && <span>{extra}</span>}
      </p>
    </div>
  );
}

function ActionRow({ action, canEdit, mayTick, onEdit, onDelete, communityId }: { action: ActionItem; canEdit: boolean; mayTick: boolean; onEdit: () => void; onDelete: () => void; communityId: string }) {
  const { t } = useTranslation();
  return (
    <li className={styles.action} data-testid="action-item">
      <ActionSummary action={action} showStatus={!mayTick} />
      {(canEdit || mayTick) && (
        <div className={styles.itemActions}>
          {mayTick && <DoneToggle action={action} communityId={communityId} />}
          {canEdit && (
            <>
              <Button id={`edit-action-${action.id}`} variant="secondary" size="small" onClick={onEdit} aria-label={t('agenda.actions.editLabel', { title: action.title })}>
                {t('common.edit')}
              </Button>
              <Button variant="quiet" size="small" onClick={onDelete} aria-label={t('agenda.actions.deleteLabel', { title: action.title })}>
                {t('common.remove')}
              </Button>
            </>
          )}
        </div>
      )}
    </li>
  );
}

/** The action items agreed in this meeting: who does what, by when. */
export function ActionItems({ actions, canEdit, myId, ...shared }: Shared & { actions: ActionItem[]; canEdit: boolean; myId: string | undefined }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ActionItem | null>(null);
  const remove = useDeleteAction(shared.meetingId, shared.communityId);
  return (
    <section aria-labelledby="actions-h" className={styles.section}>
      <h2 id="actions-h" tabIndex={-1}>
        {t('agenda.actions.title')}
      </h2>
      {actions.length === 0 ? (
        <EmptyState>{t('agenda.actions.empty')}</EmptyState>
      ) : (
        <ul className={styles.actionsList}>
          {actions.map((a) =>
            editing === a.id ? (
              <li key={a.id} className={styles.item}>
                <ActionEditor
                  {...shared}
                  action={a}
                  onDone={(id) => {
                    setEditing(null);
                    focusSoon(`edit-action-${id}`);
                  }}
                  onCancel={() => {
                    setEditing(null);
                    focusSoon(`edit-action-${a.id}`);
                  }}
                />
              </li>
            ) : (
              <ActionRow
                key={a.id}
                action={a}
                canEdit={canEdit}
                mayTick={canEdit || (!!myId && a.owner?.userId === myId)}
                communityId={shared.communityId}
                onEdit={() => setEditing(a.id)}
                onDelete={() => {
                  remove.reset();
                  setDeleting(a);
                }}
              />
            ),
          )}
        </ul>
      )}
      {canEdit && (
        <div className={`${styles.item} ${styles.addBox}`}>
          <ActionEditor {...shared} onDone={() => focusSoon('new-action-title')} />
        </div>
      )}
      <ConfirmDialog
        open={!!deleting}
        title={t('agenda.actions.deleteTitle', { title: deleting?.title ?? '' })}
        confirmLabel={t('agenda.actions.deleteConfirm')}
        pending={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              focusSoon('actions-h');
            },
          })
        }
        error={<FormAlert error={remove.error} />}
      >
        <p>{t('agenda.actions.deleteBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

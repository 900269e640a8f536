import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AgendaItem, MeetingInput } from '../../../contracts/meetings';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { FormAlert } from '../../ui/Form';
import { Badge } from '../../ui/Page';
import { useMeetingFormat } from '../../lib/format';
import { useDeleteAgendaItem, useReorderAgenda, type MemberOption } from './api';
import { AgendaItemEditor, itemValues } from './AgendaItemEditor';
import { focusSoon } from './focus';
import styles from './agenda.module.css';

/** "19:30" + 20 minutes, on the wall clock of the meeting. */
export function addMinutes(hhmm: string, minutes: number): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const total = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** The new-proposal page, opened from a decision item of the programme (meeting, item and title filled in). */
export function proposalFromItemHref(communityId: string, item: AgendaItem): string {
  const params = new URLSearchParams({ meetingId: item.meetingId, agendaItemId: item.id, title: item.title });
  return `/communities/${communityId}/proposals/new?${params.toString()}`;
}

export function ItemSummary({ item, start, inputs, proposeHref }: { item: AgendaItem; start?: string; inputs: MeetingInput[]; proposeHref?: string }) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  const linked = item.inputIds.map((id) => inputs.find((i) => i.id === id)).filter((i): i is MeetingInput => !!i);
  return (
    <div className={styles.itemBody}>
      <h3 className={styles.itemTitle}>
        {start && (
          <span className={styles.clock}>
            <span className="sr-only">{t('agenda.item.startsAt')} </span>
            {start}
            <span aria-hidden="true"> · </span>
          </span>
        )}
        {item.title}
      </h3>
      <p className={styles.itemMeta}>
        <Badge tone={item.kind === 'harvestRound' ? 'primary' : 'neutral'}>{t(`agenda.kind.${item.kind}`)}</Badge>
        <span>{fmt.minutes(item.durationMinutes)}</span>
        {item.owner && <span>{t('agenda.item.ownedBy', { name: item.owner.name })}</span>}
      </p>
      {linked.length > 0 && (
        <div className={styles.linked}>
          <p className={styles.tight}>{t('agenda.item.fromInput', { count: linked.length })}</p>
          <ul>
            {linked.map((i) => (
              <li key={i.id}>{t('agenda.inputs.byline', { title: i.title, author: i.author.name })}</li>
            ))}
          </ul>
        </div>
      )}
      {/* Members cannot see whose input it was when the inputs are not loaded for them: say how many. */}
      {linked.length === 0 && item.inputIds.length > 0 && <p className={styles.itemMeta}>{t('agenda.item.fromInput', { count: item.inputIds.length })}</p>}
      {proposeHref && item.kind === 'decision' && (
        <p className={styles.itemMeta}>
          <Link to={proposeHref} aria-label={t('agenda.item.proposeLabel', { title: item.title })} data-testid="propose-from-item">
            {t('agenda.item.propose')}
          </Link>
        </p>
      )}
    </div>
  );
}

interface Props {
  meetingId: string;
  communityId: string;
  items: AgendaItem[];
  canEdit: boolean;
  members: MemberOption[];
  inputs: MeetingInput[];
  /** Wall-clock start of the meeting, to show when each item starts. */
  startTime?: string;
  announce: (text: string) => void;
  /** Decision items link to a new proposal for those who may propose. */
  mayPropose?: boolean;
}

export function AgendaList({ meetingId, communityId, items, canEdit, members, inputs, startTime, announce, mayPropose }: Props) {
  const { t } = useTranslation();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<AgendaItem | null>(null);
  const reorder = useReorderAgenda(meetingId, communityId);
  const remove = useDeleteAgendaItem(meetingId, communityId);

  const move = (index: number, by: -1 | 1) => {
    const item = items[index];
    if (!item || reorder.isPending) return;
    const ids = items.map((i) => i.id);
    const target = index + by;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    reorder.mutate(ids, {
      onSuccess: () => {
        announce(t('agenda.list.moved', { title: item.title, position: target + 1, count: ids.length }));
        const dir = by < 0 ? 'up' : 'down';
        focusSoon(`move-${dir}-${item.id}`, `move-${dir === 'up' ? 'down' : 'up'}-${item.id}`);
      },
    });
  };

  let clock = startTime;
  return (
    <>
      <FormAlert error={reorder.error} />
      <ol className={styles.items} data-testid="agenda-items">
        {items.map((item, index) => {
          const start = clock;
          if (clock) clock = addMinutes(clock, item.durationMinutes);
          if (editingId === item.id) {
            return (
              <li key={item.id} className={styles.item}>
                <AgendaItemEditor
                  meetingId={meetingId}
                  communityId={communityId}
                  members={members}
                  inputs={inputs}
                  item={item}
                  initial={itemValues(item)}
                  onDone={(id) => {
                    setEditingId(null);
                    announce(t('agenda.list.saved', { title: item.title }));
                    focusSoon(`edit-${id}`);
                  }}
                  onCancel={() => {
                    setEditingId(null);
                    focusSoon(`edit-${item.id}`);
                  }}
                />
              </li>
            );
          }
          return (
            <li key={item.id} className={styles.item} data-testid="agenda-item">
              <ItemSummary item={item} start={start} inputs={inputs} proposeHref={mayPropose ? proposalFromItemHref(communityId, item) : undefined} />
              {canEdit && (
                <div className={styles.itemActions}>
                  <Button id={`edit-${item.id}`} variant="secondary" size="small" onClick={() => setEditingId(item.id)} aria-label={t('agenda.list.editLabel', { title: item.title })}>
                    {t('common.edit')}
                  </Button>
                  <Button
                    id={`move-up-${item.id}`}
                    variant="secondary"
                    size="small"
                    disabled={index === 0}
                    aria-disabled={reorder.isPending || undefined}
                    onClick={() => move(index, -1)}
                    aria-label={t('agenda.list.moveUpLabel', { title: item.title })}
                  >
                    <span aria-hidden="true">↑ </span>
                    {t('agenda.list.moveUp')}
                  </Button>
                  <Button
                    id={`move-down-${item.id}`}
                    variant="secondary"
                    size="small"
                    disabled={index === items.length - 1}
                    aria-disabled={reorder.isPending || undefined}
                    onClick={() => move(index, 1)}
                    aria-label={t('agenda.list.moveDownLabel', { title: item.title })}
                  >
                    <span aria-hidden="true">↓ </span>
                    {t('agenda.list.moveDown')}
                  </Button>
                  <Button
                    variant="quiet"
                    size="small"
                    onClick={() => {
                      remove.reset();
                      setDeleting(item);
                    }}
                    aria-label={t('agenda.list.deleteLabel', { title: item.title })}
                  >
                    {t('common.remove')}
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <ConfirmDialog
        open={!!deleting}
        title={t('agenda.list.deleteTitle', { title: deleting?.title ?? '' })}
        confirmLabel={t('agenda.list.deleteConfirm')}
        pending={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              announce(t('agenda.list.deleted', { title: deleting.title }));
              setDeleting(null);
              focusSoon('programme-h');
            },
          })
        }
        error={<FormAlert error={remove.error} />}
      >
        <p>{t('agenda.list.deleteBody')}</p>
      </ConfirmDialog>
    </>
  );
}

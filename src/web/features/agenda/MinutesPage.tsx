import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AgendaItem, Minutes } from '../../../contracts/meetings';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, TextArea, formStyles } from '../../ui/Form';
import { Badge, Card, EmptyState, Loading, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat, useMeetingFormat } from '../../lib/format';
import { meQuery } from '../account/api';
import { HarvestMinutes } from '../room/HarvestMinutes';
import { communityQuery, currentOf, meetingQuery, membersOf, minutesQuery, usePublishMinutes, useUpdateAgendaItem } from './api';
import { ActionItems } from './ActionItems';
import { ConflictNotice, SavedValue } from './Conflict';
import styles from './agenda.module.css';

/** The notes of one programme item, saved on their own with the item's version. */
function NotesEditor({ item, meetingId, communityId }: { item: AgendaItem; meetingId: string; communityId: string }) {
  const { t } = useTranslation();
  const update = useUpdateAgendaItem(meetingId, communityId);
  // Based on a fixed version: a newer one from someone else makes saving fail with 409.
  const [base, setBase] = useState(item);
  const [text, setText] = useState(item.notes);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const [justSaved, setJustSaved] = useState(false);
  const dirty = text !== base.notes;
  // Follow newer saved notes as long as there is nothing unsaved to lose.
  if (item.version > base.version && !dirty && !update.isPending && !update.error) {
    setBase(item);
    setText(item.notes);
  }
  const id = `notes-${item.id}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { id: item.id, version: base.version, notes: text },
      {
        onSuccess: (next) => {
          setBase(next);
          setText(next.notes);
          setSaved(undefined);
          setJustSaved(true);
        },
      },
    );
  };
  const current = currentOf<AgendaItem>(update.error);
  const load = () => {
    if (!current) return;
    setBase(current);
    setSaved(current.notes);
    update.reset();
    document.getElementById(id)?.focus();
  };

  return (
    <Form onSubmit={submit} className={styles.editor}>
      {current ? (
        <ConflictNotice
          title={t('agenda.conflict.notesTitle')}
          onLoad={load}
          current={[{ label: t('agenda.minutes.notesSaved'), value: current.notes || t('agenda.minutes.noNotes') }]}
        />
      ) : (
        <FormAlert error={update.error} />
      )}
      <TextArea
        id={id}
        label={t('agenda.minutes.notesLabel', { title: item.title })}
        description={t('agenda.minutes.notesHint')}
        value={text}
        rows={5}
        maxLength={10000}
        onChange={(e) => {
          setText(e.target.value);
          setJustSaved(false);
        }}
        error={fieldError(update.error, 'notes')}
        after={
          saved !== undefined && saved !== text ? (
            <>
              <SavedValue>{saved || t('agenda.minutes.noNotes')}</SavedValue>
              <div>
                <Button variant="quiet" size="small" onClick={() => setText(saved)}>
                  {t('agenda.minutes.useSaved')}
                </Button>
              </div>
            </>
          ) : undefined
        }
      />
      <div className={formStyles.actions}>
        <Button type="submit" variant="secondary" disabled={update.isPending || !dirty} data-testid="save-notes">
          {update.isPending ? t('common.working') : t('agenda.minutes.saveNotes')}
        </Button>
        <span role="status" className={styles.muted}>
          {dirty ? t('agenda.minutes.unsaved') : justSaved ? t('agenda.minutes.notesSavedNow') : ''}
        </span>
      </div>
    </Form>
  );
}

function Presence({ minutes, canEdit }: { minutes: Minutes; canEdit: boolean }) {
  const { t } = useTranslation();
  const recorded = minutes.present.length + minutes.absent.length > 0;
  return (
    <section aria-labelledby="presence-h" className={styles.section}>
      <h2 id="presence-h">{t('agenda.minutes.presence')}</h2>
      {!recorded ? (
        <p>
          {t('agenda.minutes.presenceNotRecorded')} {canEdit && <Link to="..">{t('agenda.minutes.recordPresence')}</Link>}
        </p>
      ) : (
        <div className={styles.presence}>
          <div>
            <h3>{t('agenda.minutes.present', { count: minutes.present.length })}</h3>
            <ul>{minutes.present.map((p) => <li key={p.userId}>{p.name}</li>)}</ul>
          </div>
          <div>
            <h3>{t('agenda.minutes.absent', { count: minutes.absent.length })}</h3>
            {minutes.absent.length ? <ul>{minutes.absent.map((p) => <li key={p.userId}>{p.name}</li>)}</ul> : <p>{t('agenda.minutes.nobodyAbsent')}</p>}
          </div>
        </div>
      )}
    </section>
  );
}

function PublishMinutes({ minutes, meetingId, communityId }: { minutes: Minutes; meetingId: string; communityId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const publish = usePublishMinutes(meetingId, communityId);
  if (minutes.publishedAt) {
    return (
      <div className={styles.published} data-testid="minutes-published">
        <Badge tone="success">
          <span aria-hidden="true">✓ </span>
          {t('agenda.minutes.publishedOn', { date: fmt.dateTime(minutes.publishedAt) })}
        </Badge>
        {minutes.canEdit && <p className={styles.muted}>{t('agenda.minutes.liveChanges')}</p>}
      </div>
    );
  }
  if (!minutes.canEdit) return null;
  return (
    <div className={styles.published}>
      <Badge tone="warning">{t('agenda.minutes.draft')}</Badge>
      <p id="publish-minutes-d" className={styles.muted}>
        {t('agenda.minutes.publishHint')}
      </p>
      <FormAlert error={publish.error} />
      <Button onClick={() => publish.mutate()} disabled={publish.isPending} aria-describedby="publish-minutes-d" data-testid="publish-minutes">
        {publish.isPending ? t('common.working') : t('agenda.minutes.publish')}
      </Button>
    </div>
  );
}

export default function MinutesPage() {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  const { meetingId = '', communityId = '' } = useParams();
  const minutes = useQuery(minutesQuery(meetingId));
  const meeting = useQuery(meetingQuery(meetingId));
  const community = useQuery(communityQuery(communityId));
  const { data: me } = useQuery(meQuery);
  const m = meeting.data;
  usePageTitle(m ? t('agenda.minutes.documentTitle', { date: fmt.localDate(m.localDate, 'long') }) : undefined);

  if (minutes.isPending) return <Loading />;
  if (minutes.isError) return <QueryError inline error={minutes.error} onRetry={() => void minutes.refetch()} />;
  const mm = minutes.data;
  if (!mm.visible) {
    return (
      <Card aria-labelledby="minutes-h" data-testid="minutes-not-published">
        <h2 id="minutes-h">{t('agenda.minutes.title')}</h2>
        <p>{t('agenda.minutes.notPublished')}</p>
      </Card>
    );
  }
  const canEdit = mm.canEdit;
  const members = membersOf(community.data);

  return (
    <div className={styles.page}>
      <section aria-labelledby="minutes-h" className={styles.section}>
        <div className={styles.heading}>
          <h2 id="minutes-h">{t('agenda.minutes.title')}</h2>
          <PublishMinutes minutes={mm} meetingId={meetingId} communityId={communityId} />
        </div>
        {canEdit && m && !m.held && <p className={styles.muted}>{t('agenda.minutes.notHeldYet')}</p>}
        {mm.items.length === 0 ? (
          <EmptyState>{t('agenda.minutes.noItems')}</EmptyState>
        ) : (
          <ol className={styles.items}>
            {mm.items.map((item) => (
              <li key={item.id} className={styles.item} data-testid="minutes-item">
                <div className={styles.itemBody}>
                  <h3 className={styles.itemTitle}>{item.title}</h3>
                  <p className={styles.itemMeta}>
                    <Badge>{t(`agenda.kind.${item.kind}`)}</Badge>
                    {item.owner && <span>{t('agenda.item.ownedBy', { name: item.owner.name })}</span>}
                  </p>
                  {canEdit ? (
                    <NotesEditor item={item} meetingId={meetingId} communityId={communityId} />
                  ) : item.notes ? (
                    <p className={styles.notes}>{item.notes}</p>
                  ) : (
                    <p className={styles.muted}>{t('agenda.minutes.noNotes')}</p>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <HarvestMinutes meetingId={meetingId} />
      <ActionItems actions={mm.actions} canEdit={canEdit} myId={me?.id} meetingId={meetingId} communityId={communityId} members={members} items={mm.items} />
      <Presence minutes={mm} canEdit={canEdit} />
    </div>
  );
}

import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ActionItem, Agenda, MeetingDetail, MeetingInput } from '../../../contracts/meetings';
import { Button } from '../../ui/Button';
import { FormAlert } from '../../ui/Form';
import { Badge, Card, Loading, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat, useMeetingFormat } from '../../lib/format';
import { meQuery } from '../account/api';
import { agendaQuery, communityQuery, inputsQuery, meetingQuery, membersOf, usePublishAgenda, useStartAgenda } from './api';
import { AgendaItemEditor, type ItemValues } from './AgendaItemEditor';
import { AgendaList } from './AgendaList';
import { focusSoon } from './focus';
import { InputsPanel, OpenActions } from './InputsPanel';
import styles from './agenda.module.css';

const blank: ItemValues = { kind: 'discussion', title: '', duration: '20', ownerUserId: '', inputIds: [] };

export function TimeSummary({ total, length }: { total: number; length: number }) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  const over = total - length;
  const share = length > 0 ? Math.min(100, (total / length) * 100) : 100;
  return (
    <div className={styles.time} data-testid="agenda-time">
      <p className={styles.tight}>
        <strong>{t('agenda.time.label')}</strong> {t('agenda.time.ofLength', { total: fmt.minutes(total), length: fmt.minutes(length) })}
      </p>
      <div className={styles.bar} aria-hidden="true">
        <span className={over > 0 ? styles.barOver : undefined} style={{ width: `${share}%` }} />
      </div>
      <p className={over > 0 ? styles.overTime : styles.tight} aria-live="polite" data-testid={over > 0 ? 'over-time' : undefined}>
        {over > 0 ? (
          <>
            <span aria-hidden="true">⚠ </span>
            <strong>{t('agenda.time.overTitle')}</strong> {t('agenda.time.over', { over: fmt.minutes(over) })}
          </>
        ) : over === 0 ? (
          t('agenda.time.exact')
        ) : (
          t('agenda.time.left', { left: fmt.minutes(-over) })
        )}
      </p>
    </div>
  );
}

function PublishBar({ agenda, meetingId, communityId }: { agenda: Agenda; meetingId: string; communityId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const publish = usePublishAgenda(meetingId, communityId);
  if (agenda.publishedAt) {
    return (
      <div className={styles.published} data-testid="programme-published">
        <p className={styles.tight}>
          <Badge tone="success">
            <span aria-hidden="true">✓ </span>
            {t('agenda.publish.publishedOn', { date: fmt.dateTime(agenda.publishedAt) })}
          </Badge>
        </p>
        {agenda.canEdit && <p className={styles.muted}>{t('agenda.publish.liveChanges')}</p>}
      </div>
    );
  }
  if (!agenda.canEdit) return null;
  return (
    <div className={styles.published}>
      <p className={styles.tight}>
        <Badge tone="warning">{t('agenda.publish.draft')}</Badge>
      </p>
      <p id="publish-d" className={styles.muted}>
        {t('agenda.publish.hint')}
      </p>
      <FormAlert error={publish.error} />
      {agenda.started && (
        <div>
          <Button onClick={() => publish.mutate()} disabled={publish.isPending || agenda.items.length === 0} aria-describedby="publish-d" data-testid="publish-programme">
            {publish.isPending ? t('common.working') : t('agenda.publish.button')}
          </Button>
        </div>
      )}
    </div>
  );
}

function NotPublished({ meeting }: { meeting: MeetingDetail | undefined }) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  return (
    <Card aria-labelledby="programme-h" data-testid="programme-not-published">
      <h2 id="programme-h" tabIndex={-1}>
        {t('agenda.title')}
      </h2>
      <p>{t('agenda.notPublished.body')}</p>
      {meeting?.inputOpen && meeting.permissions.participate && (
        <p>
          {t('agenda.notPublished.inputOpen', { deadline: fmt.dateTimeIn(meeting.inputDeadline, meeting.timeZone) })}{' '}
          <Link to="..">{t('agenda.notPublished.giveInput')}</Link>
        </p>
      )}
    </Card>
  );
}

export default function AgendaPage() {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  const { meetingId = '', communityId = '' } = useParams();
  const agenda = useQuery(agendaQuery(meetingId));
  const meeting = useQuery(meetingQuery(meetingId));
  const community = useQuery(communityQuery(communityId));
  const { data: me } = useQuery(meQuery);
  const canEdit = agenda.data?.canEdit ?? false;
  // Members see whose input an item came from too; the chair also builds the programme from it.
  const linksInput = !!agenda.data?.items.some((i) => i.inputIds.length > 0);
  const inputs = useQuery({ ...inputsQuery(meetingId), enabled: canEdit || (!!agenda.data?.visible && linksInput), retry: canEdit ? 3 : false });
  const start = useStartAgenda(meetingId, communityId);
  const [adding, setAdding] = useState<{ initial: ItemValues; key: number } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const m = meeting.data;
  usePageTitle(m ? t('agenda.documentTitle', { date: fmt.localDate(m.localDate, 'long') }) : undefined);

  if (agenda.isPending) return <Loading />;
  if (agenda.isError) return <QueryError inline error={agenda.error} onRetry={() => void agenda.refetch()} />;
  const a = agenda.data;
  if (!a.visible) return <NotPublished meeting={m} />;

  const members = membersOf(community.data);
  // Observers and researchers read along; members, chairs and coordinators may propose.
  const mayPropose = !!community.data?.myRoles.some((r) => r === 'member' || r === 'chair' || r === 'coordinator');
  const inputList = inputs.data?.inputs ?? [];
  const openAdd = (initial: ItemValues) => setAdding((prev) => ({ initial, key: (prev?.key ?? 0) + 1 }));
  const fromInput = (i: MeetingInput) =>
    openAdd({ kind: 'discussion', title: i.title, duration: '20', ownerUserId: i.author.userId, inputIds: [i.id] });
  const fromAction = (x: ActionItem) =>
    openAdd({ kind: 'discussion', title: t('agenda.openActions.itemTitle', { title: x.title }), duration: '10', ownerUserId: x.owner?.userId ?? '', inputIds: [] });

  return (
    <div className={styles.page}>
      <section aria-labelledby="programme-h" className={styles.section}>
        <div className={styles.heading}>
          <h2 id="programme-h" tabIndex={-1}>
            {t('agenda.title')}
          </h2>
          <PublishBar agenda={a} meetingId={meetingId} communityId={communityId} />
        </div>

        {!a.started ? (
          canEdit ? (
            <Card className={styles.start} aria-labelledby="start-h">
              <h3 id="start-h">{t('agenda.start.title')}</h3>
              <p>{t('agenda.start.body')}</p>
              <FormAlert error={start.error} />
              <Button
                onClick={() => start.mutate(undefined, { onSuccess: () => focusSoon('add-item', 'programme-h') })}
                disabled={start.isPending}
                data-testid="start-programme"
              >
                {start.isPending ? t('common.working') : t('agenda.start.button')}
              </Button>
            </Card>
          ) : (
            <p>{t('agenda.notPublished.body')}</p>
          )
        ) : (
          <>
            <TimeSummary total={a.totalMinutes} length={a.meetingMinutes} />
            {a.items.length === 0 ? (
              <p className={styles.muted}>{t('agenda.list.empty')}</p>
            ) : (
              <AgendaList
                meetingId={meetingId}
                communityId={communityId}
                items={a.items}
                canEdit={canEdit}
                members={members}
                inputs={inputList}
                startTime={m?.localStartTime}
                announce={setAnnouncement}
                mayPropose={mayPropose}
              />
            )}
            {canEdit &&
              (adding ? (
                <div className={styles.item}>
                  <AgendaItemEditor
                    key={adding.key}
                    meetingId={meetingId}
                    communityId={communityId}
                    members={members}
                    inputs={inputList}
                    initial={adding.initial}
                    onDone={(id) => {
                      setAdding(null);
                      setAnnouncement(t('agenda.list.added'));
                      focusSoon(`edit-${id}`, 'add-item');
                    }}
                    onCancel={() => {
                      setAdding(null);
                      focusSoon('add-item');
                    }}
                  />
                </div>
              ) : (
                <div>
                  <Button id="add-item" variant="secondary" onClick={() => openAdd(blank)} data-testid="add-item">
                    <span aria-hidden="true">+ </span>
                    {t('agenda.item.addButton')}
                  </Button>
                </div>
              ))}
          </>
        )}
      </section>

      {canEdit && inputs.isError && <QueryError inline error={inputs.error} onRetry={() => void inputs.refetch()} />}
      {canEdit && inputs.data && (
        <InputsPanel overview={inputs.data} items={a.items} timeZone={m?.timeZone ?? ''} onAdd={a.started ? fromInput : undefined} />
      )}
      <OpenActions actions={a.openActions} communityId={communityId} myId={me?.id} onAdd={canEdit && a.started ? fromAction : undefined} />
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

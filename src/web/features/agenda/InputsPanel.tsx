import { useTranslation } from 'react-i18next';
import type { ActionItem, AgendaItem, InputOverview, MeetingInput } from '../../../contracts/meetings';
import { Button } from '../../ui/Button';
import { Badge, EmptyState } from '../../ui/Page';
import { useMeetingFormat } from '../../lib/format';
import { ActionSummary, DoneToggle } from './ActionItems';
import styles from './agenda.module.css';

/** All input for this meeting, so the chair builds the programme from what members brought. */
export function InputsPanel({
  overview,
  items,
  timeZone,
  onAdd,
}: {
  overview: InputOverview;
  items: AgendaItem[];
  timeZone: string;
  /** Absent until the programme is started. */
  onAdd?: (input: MeetingInput) => void;
}) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  const titleOf = (id: string) => items.find((i) => i.id === id)?.title;
  return (
    <section aria-labelledby="inputs-h" className={styles.section}>
      <h2 id="inputs-h">{t('agenda.inputs.title')}</h2>
      <p>
        {t('agenda.inputs.status', { count: overview.memberCount, given: overview.contributorCount })}{' '}
        {overview.open
          ? t('agenda.inputs.deadlineOpen', { deadline: fmt.dateTimeIn(overview.deadline, timeZone) })
          : t('agenda.inputs.deadlinePassed', { deadline: fmt.dateTimeIn(overview.deadline, timeZone) })}
      </p>
      {overview.missing && overview.missing.length > 0 && (
        <p className={styles.muted}>{t('agenda.inputs.missing', { names: overview.missing.map((p) => p.name).join(', ') })}</p>
      )}
      {overview.inputs.length === 0 ? (
        <EmptyState>{t('agenda.inputs.empty')}</EmptyState>
      ) : (
        <ul className={styles.inputs}>
          {overview.inputs.map((input) => {
            const usedIn = input.agendaItemIds.map(titleOf).filter((x): x is string => !!x);
            return (
              <li key={input.id} className={styles.input} data-testid="input">
                <p className={styles.itemMeta}>
                  <Badge>{t(`agenda.inputKind.${input.kind}`)}</Badge>
                  <span>
                    {input.author.name}
                    {input.author.organisationName ? ` (${input.author.organisationName})` : ''}
                  </span>
                </p>
                <h3 className={styles.itemTitle}>{input.title}</h3>
                {input.body && <p className={styles.body}>{input.body}</p>}
                {usedIn.length > 0 ? (
                  <p className={styles.used}>
                    <span aria-hidden="true">✓ </span>
                    {t('agenda.inputs.usedIn', { titles: usedIn.join('; ') })}
                  </p>
                ) : (
                  <p className={styles.muted}>{t('agenda.inputs.notUsed')}</p>
                )}
                {onAdd && (
                  <div>
                    <Button
                      variant={usedIn.length ? 'secondary' : 'primary'}
                      size="small"
                      onClick={() => onAdd(input)}
                      aria-label={t('agenda.inputs.addLabel', { title: input.title })}
                      data-testid="add-from-input"
                    >
                      {t('agenda.inputs.add')}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Open action items of earlier meetings: the programme comes back to them; owners can tick theirs off. */
export function OpenActions({ actions, communityId, myId, onAdd }: { actions: ActionItem[]; communityId: string; myId: string | undefined; onAdd?: (action: ActionItem) => void }) {
  const { t } = useTranslation();
  const fmt = useMeetingFormat();
  if (actions.length === 0) return null;
  return (
    <section aria-labelledby="open-actions-h" className={styles.section}>
      <h2 id="open-actions-h">{t('agenda.openActions.title')}</h2>
      <p className={styles.muted}>{t('agenda.openActions.lead')}</p>
      <ul className={styles.actionsList}>
        {actions.map((a) => (
          <li key={a.id} className={styles.action} data-testid="open-action">
            <ActionSummary
              action={a}
              showStatus={!(myId && a.owner?.userId === myId)}
              extra={t('agenda.openActions.from', { date: fmt.localDate(a.meetingDate.slice(0, 10), 'long') })}
            />
            <div className={styles.itemActions}>
              {!!myId && a.owner?.userId === myId && <DoneToggle action={a} communityId={communityId} />}
              {onAdd && (
                <Button variant="secondary" size="small" onClick={() => onAdd(a)} aria-label={t('agenda.openActions.addLabel', { title: a.title })}>
                  {t('agenda.openActions.add')}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

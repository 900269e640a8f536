import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { speakingTurn, type Harvest } from '../../../contracts/room-state';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/Page';
import { HarvestEditor } from './TurnPanel';
import { useMemberName, useRoom, useRoomRights } from './useRoom';
import styles from './room.module.css';

function Entry({ userId, harvest }: { userId: string; harvest: Harvest | undefined }) {
  const { t } = useTranslation();
  const { state, me } = useRoom();
  const { mayWriteHarvest } = useRoomRights();
  const name = useMemberName();
  const [editing, setEditing] = useState(false);
  const member = state.members.find((m) => m.userId === userId);
  // The speaker's harvest is edited under the circle already.
  const editable = mayWriteHarvest(userId) && speakingTurn(state.round)?.userId !== userId;
  return (
    <li className={styles.harvest} data-testid="room-harvest">
      <h3 className={styles.harvestName}>
        {name(userId)}
        {member?.organisationName && <span className={styles.seatOrg}> · {member.organisationName}</span>}
      </h3>
      {editing && editable ? (
        <HarvestEditor userId={userId} testId="harvest-edit" />
      ) : harvest?.text ? (
        <p className={styles.body}>{harvest.text}</p>
      ) : (
        <p className={styles.muted}>{t('room.harvest.missing')}</p>
      )}
      {harvest && harvest.writtenBy !== userId && <p className={styles.muted}>{t('room.harvest.writtenBy', { name: name(harvest.writtenBy) })}</p>}
      {editable && (
        <p className={styles.tight}>
          <Button variant="quiet" size="small" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
            {editing
              ? t('room.harvest.doneEditing')
              : userId === me.userId
                ? harvest?.text
                  ? t('room.harvest.editOwn')
                  : t('room.harvest.addOwn')
                : harvest?.text
                  ? t('room.harvest.edit', { name: name(userId) })
                  : t('room.harvest.add', { name: name(userId) })}
          </Button>
        </p>
      )}
    </li>
  );
}

/**
 * Every harvest saved so far, live on every screen, in the order of the round. Whoever may still
 * write one (the chair, or the member after their turn) also sees the turns without a harvest.
 */
export function Harvests() {
  const { t } = useTranslation();
  const { state } = useRoom();
  const { mayWriteHarvest } = useRoomRights();
  const speaking = speakingTurn(state.round)?.userId;
  const inRound = (state.round?.turns ?? []).filter((x) => x.status !== 'waiting').map((x) => x.userId);
  const others = Object.keys(state.harvests).filter((u) => !inRound.includes(u));
  const rows = [...inRound, ...others].filter((u) => state.harvests[u]?.text.trim() || (u !== speaking && mayWriteHarvest(u)));
  return (
    <section aria-labelledby="room-harvests-h" className={styles.panel} data-testid="room-harvests">
      <h2 id="room-harvests-h">{t('room.harvest.title')}</h2>
      <p className={styles.muted}>{t('room.harvest.intro')}</p>
      {rows.length === 0 ? (
        <EmptyState>{t('room.harvest.none')}</EmptyState>
      ) : (
        <ul className={styles.harvests}>
          {rows.map((u) => (
            <Entry key={u} userId={u} harvest={state.harvests[u]} />
          ))}
        </ul>
      )}
    </section>
  );
}

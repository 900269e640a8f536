import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { speakingTurn, type Harvest } from '../../../contracts/room-state';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/Page';
import { HarvestEditor } from './TurnPanel';
import { useMemberName, useRoom, useRoomRights } from './useRoom';
import styles from './room.module.css';

function Entry({ harvest }: { harvest: Harvest }) {
  const { t } = useTranslation();
  const { state } = useRoom();
  const { mayWriteHarvest } = useRoomRights();
  const name = useMemberName();
  const [editing, setEditing] = useState(false);
  const member = state.members.find((m) => m.userId === harvest.userId);
  // The speaker's harvest is edited under the circle already.
  const editable = mayWriteHarvest(harvest.userId) && speakingTurn(state.round)?.userId !== harvest.userId;
  return (
    <li className={styles.harvest} data-testid="room-harvest">
      <h3 className={styles.harvestName}>
        {name(harvest.userId)}
        {member?.organisationName && <span className={styles.seatOrg}> · {member.organisationName}</span>}
      </h3>
      {editing && editable ? (
        <HarvestEditor userId={harvest.userId} testId="harvest-edit" />
      ) : (
        <p className={styles.body}>{harvest.text}</p>
      )}
      {harvest.writtenBy !== harvest.userId && <p className={styles.muted}>{t('room.harvest.writtenBy', { name: name(harvest.writtenBy) })}</p>}
      {editable && (
        <p className={styles.tight}>
          <Button variant="quiet" size="small" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
            {editing ? t('room.harvest.doneEditing') : t('room.harvest.edit', { name: name(harvest.userId) })}
          </Button>
        </p>
      )}
    </li>
  );
}

/** Every harvest saved so far, live on every screen, in the order of the round. */
export function Harvests() {
  const { t } = useTranslation();
  const { state } = useRoom();
  const order = [...(state.round?.turns.map((x) => x.userId) ?? []), ...state.seating];
  const harvests = Object.values(state.harvests)
    .filter((h) => h.text.trim() !== '')
    .sort((a, b) => {
      const ia = order.indexOf(a.userId);
      const ib = order.indexOf(b.userId);
      return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
    });
  return (
    <section aria-labelledby="room-harvests-h" className={styles.panel} data-testid="room-harvests">
      <h2 id="room-harvests-h">{t('room.harvest.title')}</h2>
      <p className={styles.muted}>{t('room.harvest.intro')}</p>
      {harvests.length === 0 ? (
        <EmptyState>{t('room.harvest.none')}</EmptyState>
      ) : (
        <ul className={styles.harvests}>
          {harvests.map((h) => (
            <Entry key={h.userId} harvest={h} />
          ))}
        </ul>
      )}
    </section>
  );
}

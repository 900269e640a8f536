import { useTranslation } from 'react-i18next';
import { speakingTurn } from '../../../contracts/room-state';
import { Button } from '../../ui/Button';
import { DraftEditor } from './DraftEditor';
import { HARVEST_MAX } from './limits';
import { harvestKey } from './storage';
import { useMemberName, usePending, useRoom, useRoomRights } from './useRoom';
import styles from './room.module.css';

/** The harvest of one member: written by them, or by the chair on their behalf. */
export function HarvestEditor({ userId, testId = 'harvest-editor' }: { userId: string; testId?: string }) {
  const { t } = useTranslation();
  const { state, me, send } = useRoom();
  const name = useMemberName();
  const saved = state.harvests[userId];
  const own = userId === me.userId;
  return (
    <DraftEditor
      draftKey={harvestKey(userId)}
      saved={saved}
      matches={(i) => i.kind === 'harvest.save' && i.userId === userId}
      save={(text, baseVersion) => send({ kind: 'harvest.save', userId, text, baseVersion })}
      label={own ? t('room.harvest.ownLabel') : t('room.harvest.label', { name: name(userId) })}
      description={t('room.harvest.hint')}
      maxLength={HARVEST_MAX}
      saveLabel={t('room.harvest.save')}
      testId={testId}
      writtenBy={saved && saved.writtenBy !== me.userId ? name(saved.writtenBy) : undefined}
    />
  );
}

/** Under the circle: the input read out for an absent member, the harvest of this turn, passing. */
export function TurnPanel() {
  const { t } = useTranslation();
  const { state, me, send, live } = useRoom();
  const { mayWriteHarvest, closed } = useRoomRights();
  const turn = speakingTurn(state.round);
  const passing = usePending((i) => i.kind === 'turn.pass');
  if (!turn) return null;
  const inputs = turn.absent ? (state.inputs[turn.userId] ?? []) : [];
  const mine = turn.userId === me.userId;

  return (
    <div className={styles.turnPanel} data-testid="room-turn">
      {inputs.length > 0 && (
        <section aria-labelledby="room-input-h" className={styles.readOut}>
          <h3 id="room-input-h">{t('room.speaker.readOut')}</h3>
          <ul className={styles.plainList}>
            {inputs.map((input, i) => (
              <li key={i}>
                <strong>{input.title}</strong>
                {input.body && <p className={styles.body}>{input.body}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {mayWriteHarvest(turn.userId) && <HarvestEditor key={turn.userId} userId={turn.userId} />}
      {mine && me.participant && !closed && (
        <p>
          <Button variant="secondary" size="small" disabled={!live || passing} onClick={() => send({ kind: 'turn.pass', userId: me.userId })}>
            {t('room.speaker.passMine')}
          </Button>
        </p>
      )}
    </div>
  );
}

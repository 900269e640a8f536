import type { CommunityPhase } from '../../contracts/enums';

/** In-process domain events, published after commit, so that features need not import each other. */
export interface DomainEvents {
  'community.phaseChanged': { communityId: string; networkId: string; from: CommunityPhase; to: CommunityPhase; byUserId: string };
  /** Someone joined or left, or their roles changed. */
  'community.membersChanged': { communityId: string; networkId: string };
  /** A proposal got a response, was amended, closed or withdrawn (rooms showing it follow). */
  'proposal.changed': { proposalId: string; communityId: string; byUserId: string | null };
}

type Handler<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => Promise<void> | void;

export class DomainEventBus {
  private handlers = new Map<keyof DomainEvents, Handler<never>[]>();

  constructor(private readonly onError: (err: unknown, event: string) => void) {}

  on<K extends keyof DomainEvents>(event: K, handler: Handler<K>) {
    const list = this.handlers.get(event) ?? [];
    list.push(handler as Handler<never>);
    this.handlers.set(event, list);
  }

  async emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]) {
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        await (handler as Handler<K>)(payload);
      } catch (err) {
        this.onError(err, event);
      }
    }
  }
}

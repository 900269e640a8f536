/** Who may do what with a network. `membership` is null when the user has nothing to do with it. */
export interface NetworkAccess {
  isMember: boolean;
  isCoordinator: boolean;
}

export const networkPolicy = {
  view: (a: NetworkAccess) => a.isMember || a.isCoordinator,
  manage: (a: NetworkAccess) => a.isCoordinator,
};

import { StreamDecider } from '@tally/eventstore';
import { CategoryRules, ContestEvent, ContestSettings, ContestStatus } from './contest.events';
import { NameModeration, placeholderName } from './name-moderation';

export interface CategoryState {
  categoryId: string;
  name: string;
  weight: number;
  rules: CategoryRules;
}

export interface ContestantState {
  contestantId: string;
  name: string;
  /** What the public saw when it was added: the name, or a placeholder while the name waited for a moderator. */
  publicName: string;
  /** How the name it was added with is reviewed: before it is public, after, or not at all (a reviewer's own). */
  nameReview: NameModeration | null;
  /** "Contestant <n>", its number in the event: what the public sees when it has no name it may see. */
  placeholder: string;
  slug: string;
  categoryId: string | null;
  addedAt: string;
}

export interface ContestState {
  exists: boolean;
  contestId: string;
  name: string;
  status: ContestStatus;
  startDate: string;
  endDate: string;
  /** Parsed once per event instead of on every vote. */
  startMs: number;
  endMs: number;
  voteCap: number;
  currency: string;
  settings: ContestSettings;
  createdAt: string;
  categories: ReadonlyMap<string, CategoryState>;
  contestants: ReadonlyMap<string, ContestantState>;
  /** slug → contestantId; slugs are unique per contest. */
  slugs: ReadonlyMap<string, string>;
}

export const DEFAULT_CONTEST_SETTINGS: ContestSettings = {
  freeVotesPerDay: 0,
  maxVotesPerRequest: 100,
  requireVerifiedPhone: false,
  refundableUntil: 'close',
  spendingOrder: ['free', 'subscription', 'credits'],
};

export function initialContestState(): ContestState {
  return {
    exists: false,
    contestId: '',
    name: '',
    status: 'draft',
    startDate: '',
    endDate: '',
    startMs: 0,
    endMs: 0,
    voteCap: 0,
    currency: 'USD',
    settings: DEFAULT_CONTEST_SETTINGS,
    createdAt: '',
    categories: new Map(),
    contestants: new Map(),
    slugs: new Map(),
  };
}

export function evolveContest(state: ContestState, event: ContestEvent): ContestState {
  switch (event.type) {
    case 'ContestCreated': {
      const d = event.data;
      return {
        ...state,
        exists: true,
        contestId: d.contestId,
        name: d.name,
        status: 'draft',
        startDate: d.startDate,
        endDate: d.endDate,
        startMs: Date.parse(d.startDate),
        endMs: Date.parse(d.endDate),
        voteCap: d.voteCap,
        currency: d.currency,
        settings: { ...DEFAULT_CONTEST_SETTINGS, ...d.settings },
        createdAt: d.createdAt,
      };
    }
    case 'ContestEdited': {
      const d = event.data;
      const startDate = d.startDate ?? state.startDate;
      const endDate = d.endDate ?? state.endDate;
      return {
        ...state,
        name: d.name ?? state.name,
        startDate,
        endDate,
        startMs: Date.parse(startDate),
        endMs: Date.parse(endDate),
        voteCap: d.voteCap ?? state.voteCap,
        settings: { ...state.settings, ...d.settings },
      };
    }
    case 'CategoryAdded': {
      const d = event.data;
      const categories = new Map(state.categories);
      categories.set(d.categoryId, { categoryId: d.categoryId, name: d.name, weight: d.weight, rules: d.rules });
      return { ...state, categories };
    }
    case 'ContestantAdded': {
      const d = event.data;
      const contestants = new Map(state.contestants);
      contestants.set(d.contestantId, {
        contestantId: d.contestantId,
        name: d.name,
        publicName: d.publicName ?? d.name,
        nameReview: d.nameModeration ?? (d.publicName === undefined ? null : 'pre'),
        placeholder: d.publicName ?? placeholderName(state.contestants.size + 1),
        slug: d.slug,
        categoryId: d.categoryId,
        addedAt: d.at,
      });
      const slugs = new Map(state.slugs).set(d.slug, d.contestantId);
      return { ...state, contestants, slugs };
    }
    case 'ContestStatusChanged':
      return { ...state, status: event.data.to };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown contest event ${(unknown as { type: string }).type}`);
    }
  }
}

export const contestDecider: StreamDecider<ContestState, ContestEvent> = {
  aggregate: 'contest',
  initialState: initialContestState,
  evolve: evolveContest,
};

/** The lifecycle: draft → scheduled → open → closed → finalized, and cancelled from any live status. */
const ALLOWED_MOVES: Record<ContestStatus, readonly ContestStatus[]> = {
  draft: ['scheduled', 'open', 'cancelled'],
  scheduled: ['draft', 'open', 'cancelled'],
  open: ['closed', 'cancelled'],
  closed: ['finalized', 'cancelled'],
  finalized: [],
  cancelled: [],
};

export function canMove(from: ContestStatus, to: ContestStatus): boolean {
  return ALLOWED_MOVES[from].includes(to);
}

/** Whether votes are taken at `nowMs`: open, and inside the event's dates. */
export function isVotingOpen(contest: ContestState, nowMs: number): boolean {
  return contest.exists && contest.status === 'open' && nowMs >= contest.startMs && nowMs < contest.endMs;
}

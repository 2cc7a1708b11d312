import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  CanaryRolloutImage,
  RolloutControllerAction,
  RolloutController,
  RolloutHistoryAction,
  RolloutHistoryEntry,
  RolloutHistoryResult,
} from '@vane/plugin-canary-common';
import type { Knex } from 'knex';
import type { CanaryKey } from './CanaryKey';

const ROLLOUTS = 'canary_rollouts';
const ACTIONS = 'canary_rollout_actions';
const START_KEY = ['cluster', 'namespace', 'name', 'revision', 'started_at'];

type Images = RolloutHistoryEntry['images'];

interface RolloutRow {
  id: number;
  cluster: string;
  namespace: string;
  name: string;
  revision: string;
  started_at: string;
  ended_at: string | null;
  result: RolloutHistoryResult;
  weight_reached: number;
  reason: string | null;
  images: string;
  target: string | null;
}

interface ActionRow {
  rollout_id: number;
  cluster: string;
  namespace: string;
  name: string;
  controller: RolloutController;
  action: string;
  user: string;
  at: string;
  message: string;
}

/**
 * The rollout history in the plugin's database: one row per rollout of one revision of a Canary
 * (keyed by Canary, revision and start, so a transition seen twice is written once), and the
 * operator actions attached to the rollout they acted on.
 */
export class RolloutHistoryStore {
  /** Connects to the plugin's database and brings its tables up to date. */
  static async create(database: DatabaseService): Promise<RolloutHistoryStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({
        directory: resolvePackagePath(
          '@vane/plugin-canary-backend',
          'migrations',
        ),
      });
    }
    return new RolloutHistoryStore(client);
  }

  constructor(private readonly db: Knex) {}

  /**
   * A rollout of a revision started. A rollout of the same Canary still open was superseded by
   * it (a new revision arrived mid-analysis) and is closed; actions taken while no rollout was
   * under way (an approval at confirm-rollout, a retry) are attached to this one.
   */
  async recordStart(start: {
    canary: CanaryKey;
    /** The Deployment rolled out (spec.targetRef.name). */
    target: string;
    revision: string;
    startedAt: string;
    images: Images;
  }): Promise<void> {
    const { canary, revision, startedAt } = start;
    await this.db.transaction(async tx => {
      await tx(ROLLOUTS)
        .where(canaryWhere(canary))
        .whereNull('ended_at')
        .whereNot(q => q.where({ revision, started_at: startedAt }))
        .update({
          ended_at: startedAt,
          result: 'Failed',
          reason: `Superseded by revision ${revision} before it finished`,
        });
      await tx(ROLLOUTS)
        .insert({
          ...canaryWhere(canary),
          revision,
          started_at: startedAt,
          result: 'Progressing',
          weight_reached: 0,
          images: JSON.stringify(start.images),
          target: start.target,
        })
        .onConflict(START_KEY)
        .ignore();
      const row = await tx<RolloutRow>(ROLLOUTS)
        .where({ ...canaryWhere(canary), revision, started_at: startedAt })
        .first('id');
      await tx(ACTIONS)
        .where({ ...canaryWhere(canary), controller: 'vane' })
        .whereNull('rollout_id')
        .update({ rollout_id: row!.id });
    });
  }

  /**
   * A rollout ended. The first end written wins, so seeing the same terminal status twice changes
   * nothing; a rollout whose start was never recorded (the database is newer than the rollout)
   * is recorded whole.
   */
  async recordEnd(end: {
    canary: CanaryKey;
    /** The Deployment rolled out (spec.targetRef.name). */
    target: string;
    revision: string;
    startedAt: string;
    endedAt: string;
    result: 'Succeeded' | 'Failed';
    weightReached: number;
    reason?: string;
    images: Images;
  }): Promise<void> {
    const { canary, revision, startedAt } = end;
    const outcome = {
      ended_at: end.endedAt,
      result: end.result,
      weight_reached: end.weightReached,
      reason: end.reason ?? null,
    };
    await this.db.transaction(async tx => {
      const updated = await tx(ROLLOUTS)
        .where({ ...canaryWhere(canary), revision, started_at: startedAt })
        .whereNull('ended_at')
        .update(outcome);
      if (updated === 0) {
        await tx(ROLLOUTS)
          .insert({
            ...canaryWhere(canary),
            revision,
            started_at: startedAt,
            images: JSON.stringify(end.images),
            target: end.target,
            ...outcome,
          })
          .onConflict(START_KEY)
          .ignore();
      }
    });
  }

  /**
   * The highest weight a rollout under way has reached so far: its row says how far it got
   * before it ends (the end writes the final figure). Never lowers it.
   */
  async recordProgress(progress: {
    canary: CanaryKey;
    revision: string;
    startedAt: string;
    weightReached: number;
  }): Promise<void> {
    const { canary, revision, startedAt, weightReached } = progress;
    await this.db(ROLLOUTS)
      .where({ ...canaryWhere(canary), revision, started_at: startedAt })
      .whereNull('ended_at')
      .where('weight_reached', '<', weightReached)
      .update({ weight_reached: weightReached });
  }

  /**
   * An operator action. On a Vane Canary it is attached to the Canary's rollout under way, or to
   * the next one when none is (it is what leads to it); on another controller's rollout (which
   * keeps no rollout rows here) it is kept with that controller. The same action by the same
   * user at the same time is one action.
   */
  async recordAction(action: {
    canary: CanaryKey;
    /** What drives the rollout acted on; Vane's Canary when absent. */
    controller?: RolloutController;
    action: string;
    user: string;
    message: string;
    at: string;
  }): Promise<void> {
    const controller = action.controller ?? 'vane';
    const open =
      controller === 'vane'
        ? await this.db<RolloutRow>(ROLLOUTS)
            .where(canaryWhere(action.canary))
            .whereNull('ended_at')
            .orderBy('started_at', 'desc')
            .first('id')
        : undefined;
    await this.db(ACTIONS)
      .insert({
        ...canaryWhere(action.canary),
        controller,
        rollout_id: open?.id ?? null,
        action: action.action,
        user: action.user,
        at: action.at,
        message: action.message,
      })
      .onConflict([
        'cluster',
        'namespace',
        'name',
        'controller',
        'action',
        'user',
        'at',
      ])
      .ignore();
  }

  /**
   * The operator actions on some rollouts of other controllers (Argo Rollouts, Flagger), newest
   * first, at most `limit`.
   */
  async listControllerActions(query: {
    rollouts: ReadonlyArray<CanaryKey & { controller: RolloutController }>;
    limit: number;
  }): Promise<RolloutControllerAction[]> {
    const foreign = query.rollouts.filter(r => r.controller !== 'vane');
    if (foreign.length === 0) {
      return [];
    }
    const rows: ActionRow[] = await this.db<ActionRow>(ACTIONS)
      .where(q => {
        for (const rollout of foreign) {
          q.orWhere({
            ...canaryWhere(rollout),
            controller: rollout.controller,
          });
        }
      })
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit)
      .select();
    return rows.map(row => ({
      cluster: row.cluster,
      namespace: row.namespace,
      name: row.name,
      controller: row.controller,
      action: row.action,
      user: row.user,
      at: row.at,
      message: row.message,
    }));
  }

  /**
   * The rollouts of some Canaries, and of any Canary (even one deleted since) that rolled out
   * one of some Deployments (`targets`), newest first, one page of them.
   */
  async list(query: {
    canaries: readonly CanaryKey[];
    targets?: readonly CanaryKey[];
    limit: number;
    offset: number;
  }): Promise<{ items: RolloutHistoryEntry[]; totalCount: number }> {
    const targets = query.targets ?? [];
    if (query.canaries.length === 0 && targets.length === 0) {
      return { items: [], totalCount: 0 };
    }
    const ofCanaries = (builder: Knex.QueryBuilder) =>
      builder.where(q => {
        for (const canary of query.canaries) {
          q.orWhere(canaryWhere(canary));
        }
        for (const target of targets) {
          q.orWhere({
            cluster: target.cluster,
            namespace: target.namespace,
            target: target.name,
          });
        }
      });
    const [{ count }] = await ofCanaries(this.db(ROLLOUTS)).count({
      count: '*',
    });
    const rows: RolloutRow[] = await ofCanaries(this.db(ROLLOUTS))
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit)
      .offset(query.offset)
      .select();
    return { items: await this.withActions(rows), totalCount: Number(count) };
  }

  /** One rollout by its id (the analysis charts of a past rollout start from it). */
  async getById(id: number): Promise<RolloutHistoryEntry | undefined> {
    const row = await this.db<RolloutRow>(ROLLOUTS).where({ id }).first();
    return row ? (await this.withActions([row]))[0] : undefined;
  }

  private async withActions(
    rows: RolloutRow[],
  ): Promise<RolloutHistoryEntry[]> {
    const actions: ActionRow[] = rows.length
      ? await this.db<ActionRow>(ACTIONS)
          .whereIn(
            'rollout_id',
            rows.map(row => row.id),
          )
          .orderBy([
            { column: 'at', order: 'asc' },
            { column: 'id', order: 'asc' },
          ])
          .select('rollout_id', 'action', 'user', 'at', 'message')
      : [];
    return rows.map(row => toEntry(row, actions));
  }
}

function canaryWhere(canary: CanaryKey) {
  return {
    cluster: canary.cluster,
    namespace: canary.namespace,
    name: canary.name,
  };
}

function toEntry(row: RolloutRow, actions: ActionRow[]): RolloutHistoryEntry {
  const images = JSON.parse(row.images) as {
    primary?: CanaryRolloutImage[];
    canary?: CanaryRolloutImage[];
  };
  const own: RolloutHistoryAction[] = actions
    .filter(action => action.rollout_id === row.id)
    .map(({ action, user, at, message }) => ({ action, user, at, message }));
  return {
    id: Number(row.id),
    cluster: row.cluster,
    namespace: row.namespace,
    name: row.name,
    revision: row.revision,
    images: { primary: images.primary ?? [], canary: images.canary ?? [] },
    startedAt: row.started_at,
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
    result: row.result,
    weightReached: Number(row.weight_reached),
    ...(row.reason ? { reason: row.reason } : {}),
    actions: own,
  };
}

/*
 * Operator actions on rollouts Vane does not drive (Argo Rollouts, Flagger Canaries) are recorded
 * beside those on Vane's Canaries, with the controller that drives the rollout, so an action on a
 * Flagger Canary is never attached to the rollout of a Vane Canary of the same name. Rows written
 * before this migration are Vane's.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('canary_rollout_actions', table => {
    table
      .string('controller')
      .notNullable()
      .defaultTo('vane')
      .comment('vane, argo-rollouts or flagger');
  });
  await knex.schema.alterTable('canary_rollout_actions', table => {
    table.dropUnique([], 'canary_rollout_actions_unique_idx');
    table.unique(
      ['cluster', 'namespace', 'name', 'controller', 'action', 'user', 'at'],
      { indexName: 'canary_rollout_actions_unique_idx' },
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('canary_rollout_actions')
    .whereNot({ controller: 'vane' })
    .delete();
  await knex.schema.alterTable('canary_rollout_actions', table => {
    table.dropUnique([], 'canary_rollout_actions_unique_idx');
    table.unique(['cluster', 'namespace', 'name', 'action', 'user', 'at'], {
      indexName: 'canary_rollout_actions_unique_idx',
    });
  });
  await knex.schema.alterTable('canary_rollout_actions', table => {
    table.dropColumn('controller');
  });
};

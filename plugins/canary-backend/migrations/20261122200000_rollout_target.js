/*
 * The Deployment a rollout rolled out (the Canary's spec.targetRef.name), so an entity linked to
 * its Deployments (backstage.io/kubernetes-id or -label-selector) keeps the history of a Canary
 * that was deleted: the Deployment outlives it. Null on rows written before this migration.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('canary_rollouts', table => {
    table
      .string('target')
      .nullable()
      .comment('The Deployment rolled out: the Canary spec.targetRef.name');
    table.index(
      ['cluster', 'namespace', 'target', 'started_at'],
      'canary_rollouts_target_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('canary_rollouts', table => {
    table.dropIndex([], 'canary_rollouts_target_idx');
    table.dropColumn('target');
  });
};

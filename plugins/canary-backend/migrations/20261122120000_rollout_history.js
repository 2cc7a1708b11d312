/*
 * Rollout history of the canary plugin: one row per rollout of one revision of a Canary, and the
 * operator actions taken on it.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('canary_rollouts', table => {
    table.comment('One rollout of one revision of a Canary');
    table.increments('id').primary();
    table.string('cluster').notNullable();
    table.string('namespace').notNullable();
    table.string('name').notNullable();
    table.string('revision').notNullable();
    // ISO 8601 in UTC, as the engine writes them; they sort as they read.
    table.string('started_at').notNullable();
    table.string('ended_at').nullable();
    table
      .string('result')
      .notNullable()
      .comment('Progressing, Succeeded or Failed');
    table.integer('weight_reached').notNullable().defaultTo(0);
    table.text('reason').nullable();
    table.text('images').notNullable().comment('JSON {primary, canary}');
    // The engine may see one transition twice (a restart, a new lease holder): one row per start.
    table.unique(['cluster', 'namespace', 'name', 'revision', 'started_at'], {
      indexName: 'canary_rollouts_start_idx',
    });
    table.index(
      ['cluster', 'namespace', 'name', 'started_at'],
      'canary_rollouts_canary_idx',
    );
  });
  await knex.schema.createTable('canary_rollout_actions', table => {
    table.comment(
      'Operator actions on a Canary, attached to the rollout they acted on',
    );
    table.increments('id').primary();
    table.string('cluster').notNullable();
    table.string('namespace').notNullable();
    table.string('name').notNullable();
    table
      .integer('rollout_id')
      .unsigned()
      .nullable()
      .references('id')
      .inTable('canary_rollouts')
      .onDelete('CASCADE')
      .comment('Null until the rollout the action led to starts');
    table.string('action').notNullable();
    table.string('user').notNullable();
    table.string('at').notNullable();
    table.text('message').notNullable();
    table.unique(['cluster', 'namespace', 'name', 'action', 'user', 'at'], {
      indexName: 'canary_rollout_actions_unique_idx',
    });
    table.index(['rollout_id'], 'canary_rollout_actions_rollout_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('canary_rollout_actions');
  await knex.schema.dropTable('canary_rollouts');
};

import type { LocalPostgres } from './startPostgres';

/**
 * The environment that points the project's users of PostgreSQL at a server, as lines a shell
 * can source: Backstage's TestDatabases reads BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING
 * (one per major version it knows), the replica lab tests and scripts/start.sh read VANE_POSTGRES_URL.
 */
export function postgresEnvironment(
  postgres: Pick<LocalPostgres, 'connectionString' | 'majorVersion'>,
): string {
  return [
    `VANE_POSTGRES_URL=${postgres.connectionString}`,
    `BACKSTAGE_TEST_DATABASE_POSTGRES${postgres.majorVersion}_CONNECTION_STRING=${postgres.connectionString}`,
    '',
  ].join('\n');
}

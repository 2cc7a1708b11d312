import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

const connectionStringVariable = (id: TestDatabaseId) =>
  `BACKSTAGE_TEST_DATABASE_${id.replace('_', '')}_CONNECTION_STRING`;

/**
 * The databases the plugin's database tests run on: SQLite always, and every PostgreSQL that
 * the environment names with Backstage's BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING
 * (scripts/test.sh starts one and sets it; a test run by hand without it runs on SQLite alone).
 * Never a container: with VANE_REQUIRE_POSTGRES set (scripts/test.sh sets it) a missing
 * PostgreSQL fails the suite instead of shrinking it to SQLite.
 */
export function canaryTestDatabases(): TestDatabases {
  const postgres = POSTGRES_IDS.filter(
    id => process.env[connectionStringVariable(id)],
  );
  if (postgres.length === 0 && process.env.VANE_REQUIRE_POSTGRES) {
    throw new Error(
      'VANE_REQUIRE_POSTGRES is set but no PostgreSQL is named: set BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING ' +
        '(scripts/test.sh starts one with packages/mesh-lab/bin/mesh-lab postgres)',
    );
  }
  return TestDatabases.create({
    ids: ['SQLITE_3', ...postgres],
    disableDocker: true,
  });
}

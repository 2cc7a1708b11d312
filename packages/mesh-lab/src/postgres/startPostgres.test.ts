import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { startPostgres } from './startPostgres';

jest.setTimeout(120_000);

/** Asks the server over TCP, with the psql of the same installation. */
function query(connectionString: string, sql: string): string {
  return execFileSync('psql', [connectionString, '-At', '-c', sql], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

describe('startPostgres', () => {
  it('serves on 127.0.0.1, keeps its data across a stop and a start of the server, and leaves nothing behind', async () => {
    const postgres = await startPostgres();
    try {
      expect(postgres.connectionString).toBe(
        `postgresql://postgres@127.0.0.1:${postgres.port}`,
      );
      expect(query(postgres.connectionString, 'show listen_addresses')).toBe(
        '127.0.0.1',
      );
      expect(
        query(postgres.connectionString, 'show server_version_num'),
      ).toMatch(new RegExp(`^${postgres.majorVersion}\\d{4}$`));
      query(
        postgres.connectionString,
        'create table kept (n int); insert into kept values (42)',
      );

      const pid = postgres.pid()!;
      await postgres.stopServer();
      expect(postgres.pid()).toBeUndefined();
      expect(() => process.kill(pid, 0)).toThrow();
      expect(() => query(postgres.connectionString, 'select 1')).toThrow();

      await postgres.startServer();
      expect(query(postgres.connectionString, 'select n from kept')).toBe('42');
    } finally {
      await postgres.stop();
    }
    expect(fs.existsSync(postgres.dataDir)).toBe(false);
    expect(postgres.pid()).toBeUndefined();
  });
});

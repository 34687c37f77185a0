import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * PostgreSQL for the tests: a throwaway cluster started once by Jest's global setup
 * (test/support/jest-global-setup.ts, which sets TEST_DATABASE_URL), and one fresh database per test file.
 * The server binaries are Debian's (`postgresql` package, installed by test/support/ensure-test-deps.sh).
 */

export interface Cluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: the superuser, trust authentication. */
  url: string;
  /** Stops the server (fast shutdown) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface TestDatabase {
  /** The URL of the new database: the admin URL with its database name replaced. */
  url: string;
  /** Terminates the connections still open on it and drops it. Safe to call twice. */
  drop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';
const INSTALL_HINT =
  "Install Debian's PostgreSQL with 'bash test/support/ensure-test-deps.sh' (or 'sudo apt-get install -y postgresql'), " +
  'or point TEST_DATABASE_URL at a server whose user may create databases.';

/** The bin directory of the highest PostgreSQL version under /usr/lib/postgresql that has initdb and pg_ctl. */
function serverBinDir(): string {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')) && existsSync(join(PG_ROOT, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const best = versions[0];
  if (best === undefined) throw new Error(`PostgreSQL's server binaries (initdb, pg_ctl) were not found under ${PG_ROOT}/*/bin. ${INSTALL_HINT}`);
  return join(PG_ROOT, best, 'bin');
}

function run(file: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function describeFailure(what: string, error: unknown, log?: string): Error {
  const e = error as { message?: string; stderr?: string };
  const details = [e.stderr?.trim() || e.message, log && tail(log)].filter(Boolean).join('\n');
  return new Error(`PostgreSQL for the tests: ${what} failed.\n${details}`);
}

/**
 * Creates and starts a throwaway cluster: `initdb -A trust -U postgres` in a fresh temporary directory, a free
 * TCP port on 127.0.0.1, the unix socket in that directory. PostgreSQL refuses to run as root, so as root the
 * directory is given to Debian's `postgres` system user and initdb and pg_ctl run through `runuser -u postgres`.
 * fsync stays on (durability tests rely on it).
 */
export async function startCluster(): Promise<Cluster> {
  const bin = serverBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'boussole-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  // The commands run with the directory as their working directory: as root, the postgres user may not be
  // allowed to enter the caller's.
  const pg = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], dir) : run(join(bin, tool), args, dir);
  let running = false;
  const stopNow = () => {
    // Last resort when the process exits without calling stop() (an interrupted run): no orphan server.
    if (running) {
      const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
      try {
        if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args], { cwd: dir, stdio: 'ignore' });
        else execFileSync(join(bin, 'pg_ctl'), args, { cwd: dir, stdio: 'ignore' });
      } catch {
        // Already gone.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (asRoot) {
      try {
        await run('chown', ['postgres:postgres', dir], dir);
      } catch (error) {
        throw describeFailure(
          "giving the cluster's directory to the 'postgres' system user (PostgreSQL refuses to run as root; " +
            "Debian's postgresql package creates that user)",
          error,
        );
      }
    }
    try {
      // --no-sync only skips flushing initdb's own files: the cluster is thrown away anyway; the server keeps fsync on.
      await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync']);
    } catch (error) {
      const reach = asRoot ? ` as the postgres user, who must be able to enter ${dir} (see TMPDIR)` : '';
      throw describeFailure(`initdb (${bin})${reach}`, error);
    }
    const quoted = dir.replace(/'/g, "''");
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        '',
        '# Throwaway cluster for the tests (test/support/postgres.ts).',
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${quoted}'`,
        'max_connections = 200',
        'shared_buffers = 128MB',
        'fsync = on',
        'synchronous_commit = on',
        'full_page_writes = on',
        '',
      ].join('\n'),
    );
    // Another process may take the free port between the check and the start: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      writeFileSync(log, '');
      if (asRoot) await run('chown', ['postgres:postgres', log], dir);
      try {
        await pg('pg_ctl', ['-D', data, '-l', log, '-o', `-p ${port}`, '-w', '-t', '60', 'start']);
      } catch (error) {
        if (attempt < 3 && /already in use/i.test(tail(log, 50))) continue;
        throw describeFailure(`starting the server (pg_ctl start, port ${port})`, error, log);
      }
      running = true;
      process.once('exit', stopNow);
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      let stopped: Promise<void> | undefined;
      const stop = () =>
        (stopped ??= (async () => {
          process.removeListener('exit', stopNow);
          try {
            await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
            running = false;
          } catch (error) {
            throw describeFailure('stopping the server (pg_ctl stop)', error, log);
          } finally {
            stopNow();
          }
        })());
      return { url, stop };
    }
  } catch (error) {
    stopNow();
    throw error;
  }
}

let created = 0;

/**
 * Creates a database with a unique name (Jest runs test files in parallel workers) on the server named by
 * `adminUrl`, by default TEST_DATABASE_URL, which Jest's global setup provides. Close your own connections
 * before drop(): the ones still open are terminated, and a pg Client without an 'error' listener throws then.
 */
export async function createTestDatabase(adminUrl = process.env.TEST_DATABASE_URL): Promise<TestDatabase> {
  if (!adminUrl) {
    throw new Error(
      'TEST_DATABASE_URL is not set: run the tests through Jest, whose global setup (test/support/jest-global-setup.ts) ' +
        'starts a PostgreSQL cluster, or set it to a server whose user may create databases.',
    );
  }
  const name = `test_${process.pid}_${++created}_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  const drop = () =>
    (dropped ??= withClient(adminUrl, async (admin) => {
      for (let attempt = 1; ; attempt++) {
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        try {
          await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
          return;
        } catch (error) {
          // 55006 object_in_use: a client reconnected between the two statements.
          if ((error as { code?: string }).code !== '55006' || attempt >= 5) throw error;
        }
      }
    }));
  return { url: url.toString(), drop };
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL for the tests: cannot connect to ${url}: ${(error as Error).message}`);
  }
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

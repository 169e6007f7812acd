import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

const projectRoot = join(import.meta.dirname, '../..');
/**
 * Where the test portals' clock stands when this module loads, whatever today's date: every
 * category the tests register in is open then (exhibitor closes on 2027-10-31, media on 2027-11-12)
 * and delegate is not yet (it opens on 2027-06-01), so the suite passes on any date. All portals of
 * a test process share this one clock, so a restarted portal (the fault drill) carries on from where
 * the first one stopped: its predecessor's idempotency holds expire when they should.
 */
export const portalClockStart = '2027-03-01T10:00:00+08:00';
const clockOffsetMs = Date.parse(portalClockStart) - Date.now();
/**
 * The variable a test project sets to a folder: each portal it starts writes its output there, one
 * file per stream, and test/support/portal-logs-global-setup.ts checks every line afterwards.
 */
export const portalLogVariable = 'PORTAL_LOG_DIR';

/** Long enough for a first start that builds the site. */
const readyTimeoutMs = 150_000;

export interface RunningPortal {
  url: string;
  databaseEndpoint: string;
  databasePid: number;
  /** The portal's clock as this process reckons it (within the moment the portal took to read it). */
  now(): Date;
  /** Everything the portal has written to stdout and stderr so far. */
  output(): string;
  /** Settles with the exit code when the portal exits, however it stops. */
  exited: Promise<number | null>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the portal as `npm start` does, on a free port and the test clock (see `portalClockStart`),
 * and waits until it says where it listens.
 */
export function startPortal(env: Record<string, string>): Promise<RunningPortal> {
  const clockStart = new Date(Date.now() + clockOffsetMs).toISOString();
  const child = spawn(process.execPath, [join(projectRoot, 'local/server.ts')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', ...env, LOCAL_CLOCK_START: clockStart },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logDirectory = process.env[portalLogVariable];
  if (logDirectory) {
    child.stdout.pipe(createWriteStream(join(logDirectory, `${child.pid}.stdout.log`), { flags: 'a' }));
    child.stderr.pipe(createWriteStream(join(logDirectory, `${child.pid}.stderr.log`), { flags: 'a' }));
  }
  // 'close', not 'exit': only then has everything the portal wrote been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  // A portal that never gets ready must not outlive the test run.
  let gaveUp = false;
  const readyTimer = setTimeout(() => {
    gaveUp = true;
    child.kill('SIGTERM');
  }, readyTimeoutMs);

  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Wuzhen portal: (http:\/\/[^\s"]+)/.exec(output)?.[1];
      const database = /DynamoDB Local pid (\d+) at (http:\/\/[^\s)]+)/.exec(output);
      if (!url || !database?.[1] || !database[2]) return;
      clearTimeout(readyTimer);
      resolve({
        url,
        databasePid: Number(database[1]),
        databaseEndpoint: database[2],
        now: () => new Date(Date.now() + clockOffsetMs),
        output: () => output,
        exited,
        stop() {
          child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(readyTimer);
      // Once ready, this rejection is ignored: a promise settles once.
      const why = gaveUp
        ? `was not ready within ${readyTimeoutMs / 1000} s and was stopped`
        : `exited (${code})`;
      reject(new Error(`the portal ${why} before it was ready:\n${output}`));
    });
  });
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

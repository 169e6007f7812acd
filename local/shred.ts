/**
 * `npm run shred -- --edition 2027 [--dry-run]`: applies the retention rule to one edition now and
 * prints what it did (counts only). Locally it opens the portal's data folder with its own DynamoDB
 * Local, so stop the portal first; with DYNAMODB_ENDPOINT (or AWS credentials and REGISTRATIONS_TABLE)
 * it works on that database instead. The clock is the local one (LOCAL_CLOCK_START), as the portal's.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEditions } from '../content/load.ts';
import { defaultShredOptions, shredEdition } from '../functions/domain/retention.ts';
import { createEmlDirectoryTransport } from '../functions/mail/eml-directory-transport.ts';
import { localClock } from './local-clock.ts';
import { ownDatabase } from './own-database.ts';
import { describeShredReport } from './retention-report.ts';

const { values } = parseArgs({
  options: {
    edition: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    'batch-size': { type: 'string', default: String(defaultShredOptions.batchSize) },
  },
});
const batchSize = Number(values['batch-size']);
if (!values.edition || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100) {
  console.error('usage: npm run shred -- --edition <year> [--dry-run] [--batch-size 1..100]');
  process.exit(2);
}
const edition = (await loadEditions()).find(({ id }) => id === values.edition);
if (!edition) {
  console.error(`no edition ${values.edition} in content/editions/`);
  process.exit(2);
}

const dataDirectory = resolve(process.env.DATA_DIR ?? '.data');
const database = await ownDatabase(dataDirectory, 'REGISTRATIONS_TABLE');
try {
  // The wiring reads the environment when it loads: only now is it complete.
  const { registrationContexts, useClock, useMailCopies } = await import('../functions/handlers/wiring.ts');
  useClock(localClock(process.env));
  if (database) useMailCopies(createEmlDirectoryTransport(join(dataDirectory, 'outbox')));
  const report = await shredEdition(await registrationContexts()(), edition, {
    ...defaultShredOptions,
    dryRun: values['dry-run'],
    batchSize,
    // A person runs this to finish the job: no bound on batches.
    maxBatches: Number.POSITIVE_INFINITY,
  });
  console.log(describeShredReport(report));
  console.log(JSON.stringify({ message: 'retention rule applied', ...report }));
} finally {
  await database?.stop();
}

/**
 * `npm run retention`: applies the retention rule of resident affairs now and prints what it did
 * (counts only): closed requests past RESIDENT_AFFAIRS_RETENTION_DAYS (180 unless set) anonymised
 * with their photos and e-mails, uploads never attached removed after a day. As `npm run shred`, it
 * opens the portal's data folder with its own DynamoDB Local (stop the portal first) unless
 * DYNAMODB_ENDPOINT names another database; photos are in `<DATA_DIR>/uploads/` unless
 * PHOTO_DIRECTORY or PHOTO_BUCKET says otherwise. The clock is the local one (LOCAL_CLOCK_START).
 */
import { join, resolve } from 'node:path';
import { shredResidentAffairs } from '../functions/domain/resident-affairs/retention.ts';
import { defaultShredOptions } from '../functions/domain/retention.ts';
import { createEmlDirectoryTransport } from '../functions/mail/eml-directory-transport.ts';
import { localClock } from './local-clock.ts';
import { ownDatabase } from './own-database.ts';

const dataDirectory = resolve(process.env.DATA_DIR ?? '.data');
const database = await ownDatabase(dataDirectory, 'RESIDENT_AFFAIRS_TABLE');
if (!process.env.PHOTO_BUCKET) process.env.PHOTO_DIRECTORY ??= join(dataDirectory, 'uploads');
try {
  // The wiring reads the environment when it loads: only now is it complete.
  const { residentAffairsRetention, useClock, useMailCopies } = await import(
    '../functions/handlers/wiring.ts'
  );
  useClock(localClock(process.env));
  if (database) useMailCopies(createEmlDirectoryTransport(join(dataDirectory, 'outbox')));
  const { dependencies, retentionDays } = residentAffairsRetention();
  // A person runs this to finish the job: no bound on batches.
  const report = await shredResidentAffairs(dependencies, retentionDays, {
    ...defaultShredOptions,
    maxBatches: Number.POSITIVE_INFINITY,
  });
  console.log(
    `resident affairs: ${report.anonymised} requests closed before ${report.closedBefore} anonymised ` +
      `(${report.photosRemoved} photos, ${report.messagesRemoved} e-mails removed); ` +
      `${report.stagedRemoved} uploads never attached removed`,
  );
  console.log(JSON.stringify({ message: 'retention rule applied to resident affairs', ...report }));
} finally {
  await database?.stop();
}

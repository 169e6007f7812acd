/** `npm run token -- --role organizer|checkin|resident-affairs [--expires 8h]`: prints a signed token for the local portal. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isRole, staffRoles } from '../functions/domain/staff-roles.ts';
import { signOrganizerToken } from './organizer-tokens.ts';

const { values } = parseArgs({
  options: { role: { type: 'string', default: 'organizer' }, expires: { type: 'string', default: '8h' } },
});
const role = values.role;
if (!isRole(role)) {
  console.error(`--role must be one of ${staffRoles.join(', ')}`);
  process.exit(2);
}
const dataDirectory = resolve(process.env.DATA_DIR ?? '.data');
try {
  console.log(await signOrganizerToken(dataDirectory, role, { expiresIn: values.expires }));
} catch (error) {
  if (!(error instanceof RangeError || error instanceof TypeError)) throw error;
  console.error(`--expires: ${error.message}`);
  process.exit(2);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * The GeoReport v2 answers as JSON Schema (test/fixtures/open311/georeport-v2.schema.json, written
 * by hand from the spec's text, independent of the contract's zod schemas): `specSchema(name)`
 * checks a value against one of its `$defs` and lists what is wrong ([] when it conforms).
 */
const schemaFile = join(import.meta.dirname, '../fixtures/open311/georeport-v2.schema.json');
const georeport = JSON.parse(readFileSync(schemaFile, 'utf8')) as { $id: string };
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, strictRequired: false, allErrors: true });
addFormats(ajv, ['date-time', 'uri']);
ajv.addSchema(georeport);

export function specSchema(name: string) {
  const validate = ajv.getSchema(`${georeport.$id}#/$defs/${name}`);
  if (!validate) throw new Error(`no ${name} in the GeoReport schema`);
  return (value: unknown) =>
    validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

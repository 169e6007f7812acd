import { tableNamesFrom } from '../tables.ts';
import { createDocumentClient, dynamoDbSettingsFrom } from './client.ts';

/** What every function's module scope shares: one client per container, tables named by the stack. */
export const documentClient = createDocumentClient(dynamoDbSettingsFrom(process.env));
export const tableNames = tableNamesFrom(process.env);

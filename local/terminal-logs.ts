/**
 * Imported first by the local server, before the functions' logger exists: a person at a terminal
 * gets Powertools' development mode (each line pretty-printed, stacks split into lines); anything
 * else (a test run, a file, a log collector) gets the JSON lines Lambda writes. POWERTOOLS_DEV set
 * either way by the caller wins.
 */
if (process.stdout.isTTY && process.env.POWERTOOLS_DEV === undefined) process.env.POWERTOOLS_DEV = 'true';

import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini loads no locale, so every issue without a message of our own would read "Invalid input".
// Classic zod configures English when it is imported; importing this module does the same, and only
// English is bundled (zod/locales is tree-shaken to the one locale named).
z.config(en());

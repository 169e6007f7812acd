import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type VnuMessage, vnuMessages } from '../support/nu-checker.ts';

const projectRoot = join(import.meta.dirname, '../..');
/** The site as the e2e set-up built it (test/support/site-build-global-setup.ts). */
const client = join(projectRoot, 'site/dist/client');

interface Finding {
  file: string;
  line: number;
  column: number;
  message: string;
  extract: string;
}

/**
 * vnu 26.9.27 counts the lines of HTML and SVG documents from 0 once --also-check-css is on (an
 * error on line 4 comes back as lastLine 3; without the option, as 4); a stylesheet's from 1.
 */
function lineOf(message: VnuMessage, file: string): number {
  const line = message.lastLine ?? message.firstLine ?? 0;
  return file.endsWith('.css') ? line : line + 1;
}

/**
 * Messages about valid documents, each with why it is the checker that is wrong (or the file not
 * ours to fix). Only these exact messages, in only these files: anything else still fails.
 */
const acceptedFindings: { file: RegExp; message: RegExp; why: string }[] = [
  {
    // Leaflet's own stylesheet (node_modules/leaflet/dist/leaflet.css), bundled as is.
    file: /^_astro\/leaflet\.[\w-]+\.css$/,
    message: /^CSS: “mix-blend-mode”: “plus-lighter” is not a “mix-blend-mode” value\.$/,
    why: 'plus-lighter is a <blend-mode> of CSS Compositing and Blending Level 2; the checker knows Level 1 only',
  },
  {
    file: /^_astro\/leaflet\.[\w-]+\.css$/,
    message: /^CSS: “behavior”: Property “behavior” doesn't exist\.$/,
    why: "Leaflet's legacy-IE VML rule (.lvml), not our code; browsers drop an unknown property",
  },
];

let files: string[] = [];
let findings: Finding[] = [];
let seconds = 0;

/** Every page, every stylesheet and every SVG the build wrote (QR codes at /v/<id>/qr.svg among them). */
async function checkedFiles(): Promise<string[]> {
  const found = await readdir(client, { recursive: true });
  return found
    .filter((file) => /\.(?:html|css|svg)$/.test(file))
    .sort()
    .map((file) => join(client, file));
}

function builtPath(url: string | undefined): string {
  if (!url) return '(no file)';
  return relative(client, fileURLToPath(url)).split(sep).join('/');
}

beforeAll(async () => {
  files = await checkedFiles();
  const started = performance.now();
  const messages = await vnuMessages(files);
  seconds = (performance.now() - started) / 1000;
  findings = messages
    .filter((message) => message.type !== 'info')
    .map((message) => {
      const file = builtPath(message.url);
      return {
        file,
        line: lineOf(message, file),
        column: message.firstColumn ?? 0,
        message: message.type === 'error' ? message.message : `${message.type}: ${message.message}`,
        extract: message.extract ?? '',
      };
    })
    .filter(
      (finding) =>
        !acceptedFindings.some(
          (accepted) => accepted.file.test(finding.file) && accepted.message.test(finding.message),
        ),
    );
  console.info(`vnu checked ${files.length} files in ${seconds.toFixed(1)} s`);
}, 300_000);

describe('the built site, as the W3C Nu HTML Checker sees it', () => {
  it('checks every page, stylesheet and SVG image', () => {
    const relativeFiles = files.map((file) => relative(client, file).split(sep).join('/'));
    expect(relativeFiles).toContain('index.html');
    expect(relativeFiles).toContain('zh/index.html');
    expect(relativeFiles).toContain('organizer/audit/index.html');
    expect(relativeFiles).toContain('zh/organizer/audit/index.html');
    expect(relativeFiles).toEqual(expect.arrayContaining(['privacy/index.html', 'zh/privacy/index.html']));
    expect(relativeFiles.filter((file) => file.endsWith('.html')).length).toBeGreaterThan(100);
    expect(relativeFiles.some((file) => /^v\/[^/]+\/qr\.svg$/.test(file))).toBe(true);
    expect(relativeFiles.some((file) => file.endsWith('.css'))).toBe(true);
  });

  it('finds no error in any of them', () => {
    // The built pages are minified onto one line or a few: the extract shows where.
    const report = findings.map(
      ({ file, line, column, message, extract }) => `${file}:${line}:${column} ${message} [${extract}]`,
    );
    expect(report).toEqual([]);
  });
});

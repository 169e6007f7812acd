import { languages, outboxKinds } from '../../../functions/domain/registration-model.ts';
import type { KeyWithPrefix } from '../i18n/ui.ts';
import { callApi } from './api.ts';
import { byId } from './dom.ts';
import type { OrganizerContext } from './organizer-figures.ts';
import type { PageText } from './page-text.ts';

interface PreviewContext extends OrganizerContext {
  text: PageText<KeyWithPrefix<'organizer.' | 'api.'>>;
}

const form = byId<HTMLFormElement>('message-preview-form');
const status = byId('message-preview-status');
const preview = byId('message-preview');

/** The elements and attributes a message's HTML part is made of; anything else is left out. */
const allowed: Record<string, readonly string[]> = {
  P: [],
  BR: [],
  A: ['href'],
  IMG: ['src', 'alt', 'width', 'height'],
};

const safeAttribute = (name: string, value: string) =>
  name === 'href'
    ? /^https?:\/\//.test(value)
    : name === 'src'
      ? value.startsWith('data:image/svg+xml;')
      : true;

/**
 * The message's HTML body rebuilt node by node from the allow-list, in this page: an iframe's srcdoc
 * would be held to this page's Content-Security-Policy all the same, which refuses the e-mail's
 * inline style, and a copy made of known elements can run nothing.
 */
function rebuilt(source: Node): Node[] {
  return [...source.childNodes].flatMap((node): Node[] => {
    if (node.nodeType === Node.TEXT_NODE) return [document.createTextNode(node.textContent ?? '')];
    if (!(node instanceof Element)) return [];
    const attributes = allowed[node.tagName];
    if (!attributes) return rebuilt(node);
    const copy = document.createElement(node.tagName.toLowerCase());
    for (const name of attributes) {
      const value = node.getAttribute(name);
      if (value !== null && safeAttribute(name, value)) copy.setAttribute(name, value);
    }
    copy.append(...rebuilt(node));
    return [copy];
  });
}

async function show(context: PreviewContext): Promise<void> {
  const { t } = context.text;
  const data = new FormData(form);
  const kind = outboxKinds.find((one) => one === data.get('kind')) ?? 'confirmed';
  status.textContent = t('organizer.loading');
  const answer = await callApi('GET /api/admin/messages/{kind}/preview', {
    token: context.token,
    path: { kind },
    query: { language: languages.find((one) => one === data.get('language')) ?? context.text.locale },
  });
  if (answer.status === 401 || answer.status === 403) return context.refused(answer.status);
  if (!answer.ok) {
    status.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
    return;
  }
  const { subject, text, html, language } = answer.data;
  // The e-mail's inline style goes before parsing: even a parsed document that is never shown is held
  // to this page's CSP, which refuses inline style (the attributes' values are escaped, so none holds a quote).
  const parsed = new DOMParser().parseFromString(html.replace(/\sstyle="[^"]*"/g, ''), 'text/html');
  const lang = parsed.documentElement.lang || language;
  byId('message-preview-subject').textContent = subject;
  byId('message-preview-subject').lang = lang;
  const body = byId('message-preview-html');
  body.lang = lang;
  body.replaceChildren(...rebuilt(parsed.body));
  const plain = byId('message-preview-text');
  plain.lang = lang;
  plain.textContent = text;
  preview.hidden = false;
  status.textContent = '';
}

/** The "Messages" section: a sample of each kind of message, in either language. */
export function setUpMessagePreview(contextNow: () => PreviewContext | undefined): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const context = contextNow();
    if (context) void show(context);
  });
}

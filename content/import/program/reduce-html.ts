import { type HTMLElement, type Node, NodeType, parse, TextNode } from 'node-html-parser';

/**
 * Reduces the HTML (or plain text, or Markdown links) of an abstract, description or biography to the
 * plain text the pages render: paragraphs separated by blank lines, list items as "- item", links as
 * "text (url)", entities decoded, scripts, styles and other active content dropped.
 */

const htmlElement =
  /<(?:\/?(?:a|abbr|article|aside|b|blockquote|br|center|code|dd|del|div|dl|dt|em|embed|figcaption|figure|font|form|h[1-6]|hr|i|iframe|img|input|ins|li|link|mark|meta|noscript|object|ol|p|pre|q|s|section|small|span|strong|style|sub|sup|svg|table|tbody|td|template|th|thead|tr|u|ul|video|script)\b[^>]*>|!--)/i;

/** Whose content is never text a reader should see. */
const dropped = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'head',
  'title',
  'button',
  'select',
  'textarea',
  'video',
  'audio',
  'canvas',
  'form',
]);
const blocks = new Set([
  'p',
  'div',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'main',
  'nav',
  'blockquote',
  'pre',
  'table',
  'tr',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'center',
  'address',
  'details',
  'summary',
]);

/** A paragraph break and a line break: private-use characters, kept apart from the text until the end. */
const paragraph = '\uE000';
const line = '\uE001';

function linkText(element: HTMLElement, inner: string): string {
  const href = (element.getAttribute('href') ?? '').trim();
  const text = inner.trim();
  if (!/^(?:https?:|mailto:)/i.test(href)) return inner;
  const target = href.replace(/^mailto:/i, '');
  if (!text || text === href || text === target) return target;
  return `${inner} (${target})`;
}

function textOf(node: Node): string {
  if (node.nodeType === NodeType.TEXT_NODE) return node.text.replace(/\s+/g, ' ');
  if (node.nodeType !== NodeType.ELEMENT_NODE) return '';
  const element = node as HTMLElement;
  const tag = element.rawTagName?.toLowerCase() ?? '';
  if (dropped.has(tag)) return '';
  if (tag === 'br') return line;
  if (tag === 'img') return '';
  const inner = element.childNodes.map(textOf).join('');
  if (tag === 'a') return linkText(element, inner);
  if (tag === 'li') return `${line}- ${inner.trim()}`;
  if (tag === 'td' || tag === 'th') return `${inner} `;
  if (blocks.has(tag)) return `${paragraph}${inner}${paragraph}`;
  return inner;
}

/** Plain text and what is left of HTML: line ends, blank lines, spaces at line ends and Markdown links. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((part) => part.trim())
    .join('\n')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, (_, label: string, url: string) =>
      label === url ? url : `${label} (${url})`,
    )
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function reduceOnce(text: string): string {
  // Plain text keeps every character; only its entities are decoded ("a <name>" stays as written).
  if (!htmlElement.test(text)) return tidy(new TextNode(text).text);
  const flat = parse(text, { comment: false }).childNodes.map(textOf).join('');
  const withBreaks = flat.replace(/[ \t]*\uE001[ \t]*/g, '\n').replace(/\s*(?:\uE000\s*)+/g, '\n\n');
  return tidy(withBreaks);
}

/**
 * The plain text of `text`. HTML that was escaped twice (`&lt;script&gt;` in an HTML abstract) comes
 * out as markup after one pass, so the reduction repeats until no HTML element is left.
 */
export function reduceHtml(text: string): string {
  let result = reduceOnce(text);
  for (let pass = 0; pass < 3 && htmlElement.test(result); pass += 1) result = reduceOnce(result);
  return result;
}

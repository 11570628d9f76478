import type { Activity, Attachment, CardAction } from 'botbuilder';

/**
 * WeChat personal chats show plain text only. This renders a bot activity to the text a
 * customer reads: the message text (or its summary, or the card's own text when an activity has
 * only a card), links as lines, and every button or suggested action as a numbered choice the
 * customer answers by number. A channel with its own menu (WeCom's msgmenu) asks for the
 * choices apart and leaves the numbered list out of the text.
 */

export interface ReplyChoice {
  title: string;
  /** The text the bot receives when the customer picks this choice. */
  text?: string;
  /** The value the bot receives (card submits and postBacks with objects). */
  value?: unknown;
}

export interface RenderedReply {
  text: string;
  choices: ReplyChoice[];
}

export const CHOICES_HEADER = '回复数字即可：';

type Json = Record<string, unknown>;

export function renderActivity(activity: Partial<Activity>, options: { choicesInText?: boolean } = {}): RenderedReply {
  const cards = collectAttachments(activity.attachments ?? []);
  const suggested = (activity.suggestedActions?.actions ?? []).map(fromCardAction);
  const choices = [...suggested.flatMap((a) => a.choice ?? []), ...cards.choices];
  const links = [...suggested.flatMap((a) => a.link ?? []), ...cards.links];

  const body = nonEmpty(activity.text)
    ? toPlainText(activity.text!, activity.textFormat)
    : nonEmpty(activity.summary)
      ? activity.summary!.trim()
      : cards.texts.join('\n');

  const parts = [body.trim(), links.join('\n')];
  if (choices.length && options.choicesInText !== false) parts.push(formatChoices(choices));
  return { text: parts.filter(Boolean).join('\n\n'), choices };
}

export function formatChoices(choices: ReplyChoice[]): string {
  return [CHOICES_HEADER, ...choices.map((c, i) => `${i + 1}. ${c.title}`)].join('\n');
}

/** Bot Framework text defaults to markdown; WeChat would show the asterisks. */
export function toPlainText(text: string, textFormat?: string): string {
  if (textFormat === 'plain' || textFormat === 'xml') return text.trim();
  return text
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '$1 $2')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .trim();
}

interface ActionRendering {
  choice?: ReplyChoice;
  link?: string;
}

function fromCardAction(action: Partial<CardAction>): ActionRendering {
  const title = String(action.title ?? action.displayText ?? action.text ?? action.value ?? '').trim();
  switch (action.type) {
    case 'openUrl':
    case 'downloadFile':
    case 'playAudio':
    case 'playVideo':
    case 'showImage':
      return typeof action.value === 'string' ? { link: title && title !== action.value ? `${title}：${action.value}` : action.value } : {};
    case 'messageBack':
      return title ? { choice: { title, text: action.text ?? action.displayText, value: action.value } } : {};
    case 'call':
      return typeof action.value === 'string' ? { link: `${title || '电话'}：${action.value.replace(/^tel:/, '')}` } : {};
    default: {
      // imBack and postBack: a string value is what a click would have typed.
      if (!title) return {};
      if (typeof action.value === 'string' || action.value === undefined)
        return { choice: { title, text: (action.value as string | undefined) ?? title } };
      return { choice: { title, value: action.value } };
    }
  }
}

interface CardRendering {
  texts: string[];
  choices: ReplyChoice[];
  links: string[];
}

function collectAttachments(attachments: Partial<Attachment>[]): CardRendering {
  const out: CardRendering = { texts: [], choices: [], links: [] };
  for (const a of attachments) {
    const content = (a.content ?? undefined) as Json | undefined;
    if (a.contentType === 'application/vnd.microsoft.card.adaptive' && isObject(content)) {
      walkAdaptive(content, out);
    } else if (a.contentType?.startsWith('application/vnd.microsoft.card.') && isObject(content)) {
      // Hero, thumbnail and similar cards share title/subtitle/text/buttons.
      for (const key of ['title', 'subtitle', 'text']) if (nonEmpty(content[key])) out.texts.push(toPlainText(String(content[key])));
      for (const b of asArray(content.buttons)) pushAction(fromCardAction(b as Partial<CardAction>), out);
    } else if (typeof a.contentUrl === 'string' && /^https?:\/\//.test(a.contentUrl)) {
      out.links.push(a.name ? `${a.name}：${a.contentUrl}` : a.contentUrl);
    }
  }
  return out;
}

function walkAdaptive(node: Json, out: CardRendering): void {
  switch (node.type) {
    case 'TextBlock':
      if (nonEmpty(node.text)) out.texts.push(toPlainText(String(node.text)));
      break;
    case 'RichTextBlock': {
      const text = asArray(node.inlines)
        .map((i) => (typeof i === 'string' ? i : isObject(i) ? String(i.text ?? '') : ''))
        .join('');
      if (text.trim()) out.texts.push(text.trim());
      break;
    }
    case 'FactSet':
      for (const f of asArray(node.facts)) {
        if (isObject(f)) out.texts.push(`${String(f.title ?? '').trim()}：${String(f.value ?? '').trim()}`);
      }
      break;
    case 'Action.Submit':
    case 'Action.Execute': {
      const title = String(node.title ?? '').trim();
      if (!title) break;
      const data = node.data;
      // Web chat sends a submit as a value (no text); a plain string payload reads as typed text.
      out.choices.push(typeof data === 'string' ? { title, text: data } : { title, value: data ?? {} });
      break;
    }
    case 'Action.OpenUrl':
      if (nonEmpty(node.url)) out.links.push(nonEmpty(node.title) ? `${String(node.title).trim()}：${node.url}` : String(node.url));
      break;
    default:
      break;
  }
  // Containers: AdaptiveCard.body/actions, Container.items, ColumnSet.columns, Column.items, ActionSet.actions, Table rows/cells.
  for (const key of ['body', 'items', 'columns', 'actions', 'rows', 'cells']) {
    for (const child of asArray(node[key])) if (isObject(child)) walkAdaptive(child, out);
  }
}

function pushAction(rendering: ActionRendering, out: CardRendering): void {
  if (rendering.choice) out.choices.push(rendering.choice);
  if (rendering.link) out.links.push(rendering.link);
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

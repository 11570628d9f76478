/**
 * The few flat fields of a WeCom callback body (`<xml><ToUserName>…</ToUserName><Encrypt>…`)
 * and of its decrypted event. WeCom's callback XML is one level deep and names a handful of
 * fields, so a strict extractor is all it takes, and it is safer than a general parser: no
 * DOCTYPE, no entity definitions (no billion laughs, no external entities), no nesting, no
 * attributes, no repeated fields, a cap on the number of fields. Anything else is refused with a
 * reason the route answers as 400. (fast-xml-parser is in node_modules only as someone else's
 * dependency; adding it for five flat fields would buy features we would then have to turn off.)
 */

export class CallbackXmlError extends Error {}

const MAX_FIELDS = 32;
const MAX_XML_CHARS = 64 * 1024;
const FIELD = /\s*<([A-Za-z][A-Za-z0-9_]{0,63})>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The `<xml>` element's child fields as strings. Throws CallbackXmlError for anything else. */
export function readFlatXml(xml: string): Record<string, string> {
  if (xml.length > MAX_XML_CHARS) throw new CallbackXmlError(`XML longer than ${MAX_XML_CHARS} characters`);
  let text = xml.trim();
  const declaration = /^<\?xml[^?>]{0,100}\?>/.exec(text);
  if (declaration) text = text.slice(declaration[0].length).trimStart();
  if (text.includes('<!DOCTYPE') || text.includes('<!ENTITY'))
    throw new CallbackXmlError('DOCTYPE and entity declarations are not accepted');
  if (!text.startsWith('<xml>') || !text.endsWith('</xml>')) throw new CallbackXmlError('the body must be a single <xml> element');
  const inner = text.slice('<xml>'.length, text.length - '</xml>'.length);
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let count = 0;
  FIELD.lastIndex = 0;
  while (FIELD.lastIndex < inner.length) {
    if (inner.slice(FIELD.lastIndex).trim() === '') break;
    const at = FIELD.lastIndex;
    const m = FIELD.exec(inner);
    if (!m) throw new CallbackXmlError(`unexpected content at character ${at + 5}: only flat <Name>value</Name> fields are accepted`);
    const [, name, cdata, plain] = m;
    if (name in fields) throw new CallbackXmlError(`field ${name} appears twice`);
    if (++count > MAX_FIELDS) throw new CallbackXmlError(`more than ${MAX_FIELDS} fields`);
    fields[name] = cdata ?? decodeEntities(plain ?? '');
  }
  return { ...fields };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&([a-z]+);|&/g, (whole, name: string | undefined) => {
      if (name && ENTITIES[name] !== undefined) return ENTITIES[name];
      throw new CallbackXmlError(`unknown entity ${whole.slice(0, 12)}`);
    })
    .trim();
}

/** The XML a simulator or a test sends: fields as CDATA (numbers as they are). */
export function writeFlatXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`))
    .join('');
  return `<xml>${body}</xml>`;
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/** Escapes text for XML element content or attribute values (a carriage return survives as `&#13;`). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (character) => XML_ENTITIES[character] ?? character);
}

/** `<name>inner</name>`, or `<name/>` when `inner` is empty; `inner` must already be XML. */
export function xmlElement(name: string, inner = '', attributes = ''): string {
  const open = attributes === '' ? name : `${name} ${attributes}`;
  return inner === '' ? `<${open}/>` : `<${open}>${inner}</${name}>`;
}

/** `<name>escaped text</name>` */
export function xmlText(name: string, value: string | number | boolean): string {
  return xmlElement(name, escapeXml(String(value)));
}

/** The XML declaration AWS puts before every XML body. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

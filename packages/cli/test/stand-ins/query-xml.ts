import { randomUUID } from 'node:crypto';
import { escapeXml, xmlElement, XML_DECLARATION } from './xml-text';

/** A value the query protocol's XML can carry: lists become `<member>` elements, dates ISO-8601. */
export type QueryXmlValue =
  | string
  | number
  | boolean
  | Date
  | undefined
  | readonly QueryXmlValue[]
  | { readonly [field: string]: QueryXmlValue };

/** The namespace of CloudFormation API version 2010-05-15. */
export const CLOUDFORMATION_XMLNS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** The XML content of `value` in the query protocol's shape; undefined fields are left out. */
export function queryXmlContent(value: QueryXmlValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return escapeXml(String(value));
  if (Array.isArray(value)) return value.map((member: QueryXmlValue) => xmlElement('member', queryXmlContent(member))).join('');
  const fields = value as { readonly [field: string]: QueryXmlValue };
  return Object.entries(fields)
    .filter(([, field]) => field !== undefined)
    .map(([name, field]) => xmlElement(name, queryXmlContent(field)))
    .join('');
}

/** `<ActionResponse xmlns><ActionResult>…</ActionResult><ResponseMetadata>…</ResponseMetadata></ActionResponse>` */
export function queryXmlResponse(action: string, result: QueryXmlValue): string {
  const metadata = xmlElement('ResponseMetadata', xmlElement('RequestId', randomUUID()));
  const body = xmlElement(`${action}Result`, queryXmlContent(result)) + metadata;
  return XML_DECLARATION + xmlElement(`${action}Response`, body, `xmlns="${CLOUDFORMATION_XMLNS}"`);
}

/** `<ErrorResponse xmlns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` */
export function queryXmlErrorResponse(code: string, message: string, type: 'Sender' | 'Receiver'): string {
  const error = queryXmlContent({ Type: type, Code: code, Message: message });
  const body = xmlElement('Error', error) + xmlElement('RequestId', randomUUID());
  return XML_DECLARATION + xmlElement('ErrorResponse', body, `xmlns="${CLOUDFORMATION_XMLNS}"`);
}

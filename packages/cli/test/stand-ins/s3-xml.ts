import { randomUUID } from 'node:crypto';
import type { StandInHttpResponse } from './loopback-server';
import { escapeXml, XML_DECLARATION, xmlElement, xmlText } from './xml-text';

/** The namespace of the S3 API, version 2006-03-01. */
export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** An S3 XML body with the request id header S3 always sends. */
export function s3XmlAnswer(status: number, xml: string, headers: Record<string, string> = {}): StandInHttpResponse {
  return { status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': randomUUID(), ...headers }, body: XML_DECLARATION + xml };
}

/** `<Error><Code/><Message/>…<RequestId/></Error>`; for a HEAD request the server sends the status only, as S3 does. */
export function s3ErrorAnswer(status: number, code: string, message: string, fields: Record<string, string> = {}): StandInHttpResponse {
  const extra = Object.entries(fields).map(([name, value]) => xmlText(name, value)).join('');
  const inner = xmlText('Code', code) + xmlText('Message', message) + extra + xmlText('RequestId', randomUUID());
  return s3XmlAnswer(status, xmlElement('Error', inner));
}

/** One `<Contents>` entry of ListObjectsV2. */
export interface S3StandInListing {
  key: string;
  lastModified: Date;
  etag: string;
  size: number;
}

/** The `<ListBucketResult>` of ListObjectsV2. */
export function listObjectsV2Xml(
  bucket: string,
  query: { prefix: string; maxKeys: number; continuationToken?: string; nextContinuationToken?: string },
  listings: readonly S3StandInListing[],
): string {
  const contents = listings.map((listing) =>
    xmlElement(
      'Contents',
      xmlText('Key', listing.key) +
        xmlText('LastModified', listing.lastModified.toISOString()) +
        xmlText('ETag', `"${listing.etag}"`) +
        xmlText('Size', listing.size) +
        xmlText('StorageClass', 'STANDARD'),
    ),
  );
  const inner =
    xmlText('Name', bucket) +
    xmlText('Prefix', query.prefix) +
    xmlText('KeyCount', listings.length) +
    xmlText('MaxKeys', query.maxKeys) +
    xmlText('IsTruncated', query.nextContinuationToken !== undefined) +
    (query.continuationToken === undefined ? '' : xmlText('ContinuationToken', query.continuationToken)) +
    (query.nextContinuationToken === undefined ? '' : xmlText('NextContinuationToken', query.nextContinuationToken)) +
    contents.join('');
  return xmlElement('ListBucketResult', inner, `xmlns="${S3_XMLNS}"`);
}

/** GetBucketLocation's answer: the region, or an empty element for us-east-1. */
export function bucketLocationXml(region: string): string {
  return xmlElement('LocationConstraint', region === 'us-east-1' ? '' : escapeXml(region), `xmlns="${S3_XMLNS}"`);
}

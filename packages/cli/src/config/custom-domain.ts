import { ConfigChecker, describe } from './checker';
import type { CustomDomainSettings } from './settings';
import type { CustomDomainConfig } from './types';

const DOMAIN_KEYS = ['domain_name', 'certificate_arn', 'tls_version', 'url_prefix', 'tags'];
const HOST_NAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
/** One path segment: the characters API Gateway allows in an API mapping key. */
const MAPPING_KEY = /^[A-Za-z0-9$\-_.+!*'(),]+$/;
/** `url_prefix` values that mean the domain's root, as in Chalice (`(none)` is API Gateway's name for it). */
const ROOT_PREFIXES = ['/', '(none)'];

/**
 * The security policy of a WebSocket API's custom domain: API Gateway offers WebSocket APIs
 * TLS 1.2 only, which is also Chalice's default `tls_version`.
 *
 * @example
 * ```ts
 * resolveCustomDomain({ domain_name: 'ws.example.com', certificate_arn: arn }).tlsVersion === WEBSOCKET_TLS_VERSION; // true
 * ```
 */
export const WEBSOCKET_TLS_VERSION = 'TLS_1_2';

function checkDomainName(check: ConfigChecker, value: unknown, path: string): void {
  if (typeof value === 'string' && value !== value.toLowerCase() && HOST_NAME.test(value.toLowerCase())) {
    check.fail(path, `must be lower case (API Gateway does not accept upper-case domain names): "${value.toLowerCase()}"`);
  }
  check.matching(value, path, HOST_NAME, 'a domain name such as "ws.example.com"');
}

function checkTlsVersion(check: ConfigChecker, value: unknown, path: string): void {
  if (value === undefined || value === WEBSOCKET_TLS_VERSION) return;
  const hint = value === 'TLS_1_0' ? " (Chalice's TLS_1_0 is for REST APIs; WebSocket APIs get TLS 1.2 only)" : '';
  check.fail(path, `must be "${WEBSOCKET_TLS_VERSION}", got ${describe(value)}${hint}`);
}

function checkUrlPrefix(check: ConfigChecker, value: unknown, path: string): void {
  if (value === undefined || ROOT_PREFIXES.includes(value as string)) return;
  if (typeof value === 'string' && MAPPING_KEY.test(value.replace(/^\/+|\/+$/g, '')) && value.includes('/')) {
    check.fail(path, `must be one path segment without slashes, got ${describe(value)}: write "${value.replace(/^\/+|\/+$/g, '')}"`);
  }
  check.matching(value, path, MAPPING_KEY, 'one path segment of letters, digits and $-_.+!*\'(), (or "/" for the root)');
}

/**
 * Checks a `websocket_api_custom_domain` object: `domain_name` and `certificate_arn` are
 * required; `tls_version` (only `TLS_1_2`), `url_prefix` (one path segment, `/` for the root)
 * and `tags` are optional, as in Chalice.
 *
 * @example
 * ```ts
 * checkCustomDomain(check, { domain_name: 'ws.example.com' }, 'stages.prod.websocket_api_custom_domain');
 * // throws "... stages.prod.websocket_api_custom_domain.certificate_arn must be an ACM certificate ARN ..., got nothing"
 * ```
 */
export function checkCustomDomain(check: ConfigChecker, value: unknown, path: string): void {
  if (value === undefined) return;
  const domain = check.object(value, path, { allowed: DOMAIN_KEYS });
  if (domain.domain_name === undefined) check.fail(`${path}.domain_name`, 'is required: the custom domain name, such as "ws.example.com"');
  checkDomainName(check, domain.domain_name, `${path}.domain_name`);
  const arnPath = `${path}.certificate_arn`;
  if (domain.certificate_arn === undefined) check.fail(arnPath, 'is required: the ARN of the ACM certificate for domain_name, in the region of the API');
  check.matching(domain.certificate_arn, arnPath, CERTIFICATE_ARN, 'an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID)');
  checkTlsVersion(check, domain.tls_version, `${path}.tls_version`);
  checkUrlPrefix(check, domain.url_prefix, `${path}.url_prefix`);
  check.strings(domain.tags, `${path}.tags`);
}

/**
 * The settings of a checked `websocket_api_custom_domain`: the root (`/`, `(none)` or no
 * `url_prefix`) has no `urlPrefix`, and `tls_version` defaults to `TLS_1_2`.
 *
 * @example
 * ```ts
 * resolveCustomDomain({ domain_name: 'ws.example.com', certificate_arn: arn, url_prefix: 'chat' }).urlPrefix; // 'chat'
 * ```
 */
export function resolveCustomDomain(domain: CustomDomainConfig): CustomDomainSettings {
  const settings: CustomDomainSettings = {
    domainName: domain.domain_name,
    certificateArn: domain.certificate_arn,
    tlsVersion: domain.tls_version ?? WEBSOCKET_TLS_VERSION,
    tags: { ...domain.tags },
  };
  if (domain.url_prefix !== undefined && !ROOT_PREFIXES.includes(domain.url_prefix)) settings.urlPrefix = domain.url_prefix;
  return settings;
}

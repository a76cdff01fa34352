import type { StandInHttpRequest } from './loopback-server';

/** The service a stand-in plays. */
export type StandInService = 'cloudformation' | 's3' | 'logs';

/** One request a stand-in received. */
export interface StandInRequest {
  service: StandInService;
  /** The API action, e.g. `DescribeStacks`, `PutObject`, `FilterLogEvents` (`Unknown` when the stand-in cannot tell). */
  action: string;
  /** The Host header as sent, `127.0.0.1:PORT` (anything else means a client used virtual-hosted-style addressing or another host). */
  host: string;
  /** The region of the SigV4 credential scope; undefined for an unsigned request. */
  region?: string;
}

/** Appends one received request to the shared, ordered log of all stand-ins. */
export function recordStandInRequest(
  log: StandInRequest[],
  service: StandInService,
  action: string,
  request: StandInHttpRequest,
): void {
  const entry: StandInRequest = { service, action, host: request.hostHeader };
  if (request.region !== undefined) entry.region = request.region;
  log.push(entry);
}

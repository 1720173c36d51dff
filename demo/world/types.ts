/**
 * The demo account is a small world model answered at the seam: each service file holds
 * its data and the operations that read it. `npm run demo:build` scans this world with
 * every check and records the answers into demo/demo-account.cassette.json, the bundled
 * cassette `srm-audit scan --demo` replays.
 */
export const DEMO_ACCOUNT = '123456789012';
export const DEMO_PARTITION = 'aws';
export const DEMO_HOME_REGION = 'us-east-1';
/** The demo account's organization (inside its zone of trust) and a partner account outside it. */
export const DEMO_ORGANIZATION_ID = 'o-demo1a2b3c';
export const DEMO_ORGANIZATION_ARN = `arn:aws:organizations::111111111111:organization/${DEMO_ORGANIZATION_ID}`;
export const PARTNER_ACCOUNT = '210987654321';
/** Regions enabled in the demo account; every regional check runs in both. */
export const DEMO_REGIONS = ['eu-west-1', 'us-east-1'] as const;
/** A fixed "now" for data with ages (key rotation, last use): the day the cassette was built. */
export const DEMO_NOW = new Date('2026-11-20T12:00:00Z');

export const daysAgo = (days: number): Date => new Date(DEMO_NOW.getTime() - days * 86_400_000);

/** operation name → answer for that region and input; throw an AWS-style error to fail. */
export type Handlers = Record<string, (region: string, input: Record<string, unknown>) => unknown>;

/** An error shaped as the SDK throws it (name = AWS error code). */
export function awsError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client' as const, $metadata: { httpStatusCode } });
}

export function byRegion<T>(data: Partial<Record<string, T[]>>, region: string): T[] {
  return data[region] ?? [];
}

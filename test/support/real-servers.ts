// Mocha glue for tests against the real servers: start in before(), stop in after().
// A server that cannot run here skips its describe, except under CI=true, where it fails:
// .ci/run installs all three, so a missing one in CI is a broken setup, not a reason to skip.

import {
  FEDERATION_VARIANT,
  type FederationTarget,
  federationTarget,
} from "../../scripts/real-servers/federation.ts";
import {
  type RealServerName,
  type RealServerTarget,
  realServerUnavailable,
  startRealServer,
  stopRealServer,
} from "../../scripts/real-servers/launch.ts";

export function inCi(): boolean {
  return process.env.CI === "true" || process.env.CI === "1";
}

export interface RealServerSuiteOptions {
  /** Wipe the server's state before starting (default true). */
  reset?: boolean;
  /** A config variant of fixtures/servers/NAME/ ("registration-off"). */
  variant?: string;
}

/**
 * describe() a block that runs against a started real server. `body` registers the tests
 * and gets a getter for the running target (valid inside hooks and tests only).
 */
export function describeRealServer(
  name: RealServerName,
  title: string,
  body: (target: () => RealServerTarget) => void,
  opts: RealServerSuiteOptions = {},
): void {
  const unavailable = realServerUnavailable(name);
  if (unavailable && !inCi()) {
    describe.skip(`${title} (skipped: ${unavailable})`, () =>
      body(() => {
        throw new Error(`${name} is not available`);
      }));
    return;
  }
  describe(title, () => {
    let target: RealServerTarget | undefined;
    let attempted = false;
    before(async function () {
      this.timeout(150_000);
      if (unavailable) throw new Error(`CI=true requires ${name}, but ${unavailable}`);
      attempted = true;
      target = await startRealServer(name, { reset: opts.reset ?? true, variant: opts.variant });
    });
    after(async function () {
      this.timeout(70_000);
      if (attempted) await stopRealServer(name, { variant: opts.variant });
    });
    body(() => {
      if (!target) throw new Error(`${name} was not started`);
      return target;
    });
  });
}

/**
 * describe() a block against a real server started in its federation variant (s2s on, the harness CA
 * trusted, names resolved by asking the harness's DNS responder on `dns.port`, which the block starts).
 */
export function describeRealFederation(
  name: RealServerName,
  title: string,
  body: (target: () => FederationTarget) => void,
): void {
  describeRealServer(name, title, (c2s) => body(() => ({ ...federationTarget(name), c2s: c2s() })), {
    variant: FEDERATION_VARIANT,
  });
}

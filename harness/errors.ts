// The error kinds that decide a verdict. A case that throws one of these gets the verdict
// named beside it; anything else thrown by a case is a harness ERROR.

/**
 * The target broke what the case checks: FAIL for MUST cases, WARN for SHOULD/MAY ones. A
 * violation of only the SHOULD part of a MUST requirement ("MUST close the stream with a stream
 * error, which SHOULD be <restricted-xml/>") carries `should: true` and gives WARN.
 */
export class Violation extends Error {
  override name = "Violation";
  constructor(
    message: string,
    readonly should = false,
  ) {
    super(message);
  }
}

/** The target did not answer in time where an answer is required: a Violation. */
export class NoAnswer extends Violation {
  override name = "NoAnswer";
}

/** The stream ended while the case was still waiting: a Violation unless the case expected it. */
export class StreamClosed extends Violation {
  override name = "StreamClosed";
  constructor(
    message: string,
    /** The stream error condition the peer sent before closing, if any. */
    readonly condition?: string,
  ) {
    super(message);
  }
}

/** The case does not apply to this target (a missing feature): SKIP with the reason. */
export class Skip extends Error {
  override name = "Skip";
}

/** The harness could not decide (connection refused, set-up failed, account not provisioned): ERROR. */
export class HarnessError extends Error {
  override name = "HarnessError";
}

/**
 * A set-up step of a case broke on a behaviour the case does not cite (a login, a presence exchange it
 * only needs to get started): the cited requirement was not exercised, so ERROR, never a FAIL of what the
 * case cites. The behaviour that broke is graded by its own case.
 */
export class SetUpFailed extends HarnessError {
  override name = "SetUpFailed";
  constructor(
    readonly step: string,
    readonly reason: string,
  ) {
    super(`not exercised: the set-up step "${step}" failed: ${reason}`);
  }
}

/** SASL negotiation ended in <failure/>. */
export class SaslFailure extends Violation {
  override name = "SaslFailure";
  constructor(
    readonly condition: string | undefined,
    readonly text?: string,
  ) {
    super(`SASL failure: ${condition ?? "no condition"}${text ? ` (${text})` : ""}`);
  }
}

/** An IQ came back as an error where a result was wanted. */
export class IqError extends Violation {
  override name = "IqError";
  constructor(
    readonly condition: string | undefined,
    readonly type: string | undefined,
    what: string,
  ) {
    super(`${what} failed: <${condition ?? "no condition"}/> (type ${type ?? "none"})`);
  }
}

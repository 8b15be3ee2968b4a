/**
 * A mistake in a run request (a bad URL, an unreadable CA or expectations file, a selection that
 * matches nothing): one line for the user.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * A reason the process cannot start that the operator can act on: printed as
 * one line on stderr, exit code 1, everything started so far stopped again.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

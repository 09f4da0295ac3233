/** Exit codes of the `orderly` command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A failure the CLI reports as one line on stderr and an exit code; never a stack trace. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** The command line (or the environment it reads) is wrong: exit 2. */
export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** The service refused the request, or could not be reached: exit 1. */
export class OperationalError extends CliError {
  override name = 'OperationalError';
  constructor(message: string) {
    super(message, EXIT.failed);
  }
}

/** Bad input or a run that cannot start: one line on stderr and exit code 2, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

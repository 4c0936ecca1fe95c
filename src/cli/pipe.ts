// `docket deal x | head -1`: when the reader closes the pipe, writing more raises EPIPE on the stream, which
// Node reports as an unhandled 'error' event and a stack trace. Like git or cat, stop quietly instead: the
// reader has all it asked for.

interface ErrorEmitter {
  on(event: "error", listener: (error: Error) => void): unknown;
}

function isBrokenPipe(error: Error): boolean {
  return "code" in error && (error as NodeJS.ErrnoException).code === "EPIPE";
}

/**
 * Ends the process quietly when a stream's reader has gone away; other stream errors still surface.
 * `exit` is the process's exit by default; tests pass their own.
 */
export function quietOnBrokenPipe(
  stream: ErrorEmitter,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stream.on("error", (error) => {
    if (!isBrokenPipe(error)) throw error;
    // Nothing more can be shown: exit with the code the command has set so far (0 when none).
    const code = process.exitCode;
    exit(typeof code === "number" ? code : 0);
  });
}

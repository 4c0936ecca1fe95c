// Answers inside Discord's 3-second window whatever the work costs: reply at once when the work is quick,
// otherwise acknowledge (defer) first and edit the answer in when it is ready. The timer can fire only
// while the event loop is free: work that holds the loop (a brief built in process) delays it, work in a
// worker thread never does.

/** Well inside the 3 s limit, leaving room for the network. */
export const DEFER_AFTER_MS = 1200;

export interface FastAnswer<T> {
  /** The work's result, or the error it threw. */
  result: T;
  deferred: boolean;
}

/** `defer` acknowledges the interaction (deferReply, or deferUpdate for a button on a private page). */
export async function respondFast<T>(
  defer: () => Promise<unknown>,
  work: () => Promise<T>,
  deferAfterMs = DEFER_AFTER_MS,
): Promise<FastAnswer<T>> {
  const pending = work();
  if (deferAfterMs <= 0) {
    // Acknowledge first; the work's failure is handled once it is awaited below, not reported meanwhile.
    pending.catch(() => undefined);
    await defer();
    return { result: await pending, deferred: true };
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => {
      resolve("late");
    }, deferAfterMs);
  });
  try {
    const first = await Promise.race([
      pending.then(
        () => "done" as const,
        () => "done" as const,
      ),
      late,
    ]);
    if (first === "late") {
      await defer();
      return { result: await pending, deferred: true };
    }
    return { result: await pending, deferred: false };
  } finally {
    clearTimeout(timer);
  }
}

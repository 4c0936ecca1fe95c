// Answers inside Discord's 3-second window whatever the work costs: reply at once when the work is quick,
// otherwise acknowledge (defer) first and edit the answer in when it is ready.
import type { ChatInputCommandInteraction } from "discord.js";

/** Well inside the 3 s limit, leaving room for the network. */
export const DEFER_AFTER_MS = 1200;

export interface FastAnswer<T> {
  /** The work's result, or the error it threw. */
  result: T;
  deferred: boolean;
}

export async function respondFast<T>(
  interaction: ChatInputCommandInteraction,
  work: () => Promise<T>,
  deferAfterMs = DEFER_AFTER_MS,
): Promise<FastAnswer<T>> {
  const pending = work();
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
      await interaction.deferReply();
      return { result: await pending, deferred: true };
    }
    return { result: await pending, deferred: false };
  } finally {
    clearTimeout(timer);
  }
}

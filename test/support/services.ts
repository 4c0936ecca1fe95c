// The servers the store suites run against (PostgreSQL and Redis on loopback in CI), and whether they answer:
// a suite fails when its server is missing in CI (CI=true) and skips, with the reason, elsewhere.
import { connect } from "node:net";

export const CI = Boolean(process.env.CI) && !/^(false|0)$/i.test(process.env.CI ?? "");
/** The CI services; the variables point the suites elsewhere (another host, or a dead port to try the skip). */
export const REDIS_URL = process.env.DOCKET_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
export const POSTGRES_URL = process.env.DOCKET_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Resolves with null when host:port accepts a TCP connection within the timeout, else with the reason. */
export function reachable(url: string, timeoutMs = 1500): Promise<string | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const done = (problem: string | null): void => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(timeoutMs, () => {
      done(`no answer from ${hostname}:${port} within ${timeoutMs} ms`);
    });
    socket.once("connect", () => {
      done(null);
    });
    socket.once("error", (error) => {
      done(`${hostname}:${port}: ${error.message}`);
    });
  });
}

/** The skip option for a suite whose server did not answer (never in CI: there it must fail). */
export function skipUnless(name: string, problem: string | null): string | false {
  return problem !== null && !CI ? `${name} not reachable (${problem}); skipped outside CI` : false;
}

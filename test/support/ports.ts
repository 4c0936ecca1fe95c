// Loopback ports for tests of unreachable services: a port that refuses connections (bound, then released).
import { createServer } from "node:net";

/** A loopback port with nothing listening on it, so connecting is refused at once. */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

import { Redis } from "ioredis";
import { TradewindsInputError, message } from "../../messages.js";
import { redisLabel } from "./protocol.js";

/** How long the first connection may take before the Redis server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Checks that a Redis server answers at `url` (one PING on a connection that does not retry): an
 * unreachable server is bad input naming --redis and the fix, not an endless stream of retries.
 */
export async function probeRedis(url: string): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: CONNECT_TIMEOUT_MS });
  let cause: string | undefined;
  probe.on("error", (err: Error) => (cause ??= err.message)); // the first socket error says more than "Connection is closed"
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new TradewindsInputError([{ source: "command line", path: "--redis", value: JSON.stringify(redisLabel(url)), message: message.redisUnreachable(redisLabel(url), cause ?? (err as Error).message) }]);
  } finally {
    probe.disconnect();
  }
}

/**
 * A connection for BullMQ (no per-request retry limit, as its blocking commands need), reconnecting
 * after a drop; its errors go to `log`, each distinct message once, instead of ioredis's unhandled
 * "error" events.
 */
export function redisConnection(url: string, log: (line: string) => void): Redis {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const seen = new Set<string>();
  connection.on("error", (err: Error) => {
    if (seen.has(err.message)) return;
    seen.add(err.message);
    log(message.redisError(redisLabel(url), err.message));
  });
  return connection;
}

/** A logger that writes each distinct line once (connection errors repeat on every retry). */
export function onceEach(log: (line: string) => void): (line: string) => void {
  const seen = new Set<string>();
  return (line) => {
    if (seen.has(line)) return;
    seen.add(line);
    log(line);
  };
}

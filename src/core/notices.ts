/**
 * One-time notices for the user from deep inside a lint run (for example: an optional external tool is
 * not installed). Rules must not write to the terminal; they call {@link notice}, and the CLI routes the
 * messages to stderr with {@link setNoticeSink}. Each key is delivered once per process.
 */
export type NoticeSink = (message: string) => void;

let sink: NoticeSink | undefined;
const delivered = new Set<string>();
const pending = new Map<string, string>();

/** Where notices go (the CLI passes a stderr writer); undefined keeps them pending. */
export function setNoticeSink(s: NoticeSink | undefined): void {
  sink = s;
  if (!s) return;
  for (const [key, message] of pending) {
    delivered.add(key);
    s(message);
  }
  pending.clear();
}

/** Tell the user `message` once per process (by `key`). Without a sink, the notice waits for one. */
export function notice(key: string, message: string): void {
  if (delivered.has(key)) return;
  if (!sink) {
    pending.set(key, message);
    return;
  }
  delivered.add(key);
  sink(message);
}

/** Notices not delivered yet (no sink set), for library users and tests. */
export function pendingNotices(): string[] {
  return [...pending.values()];
}

/** Forget delivered and pending notices (tests). */
export function resetNotices(): void {
  delivered.clear();
  pending.clear();
}

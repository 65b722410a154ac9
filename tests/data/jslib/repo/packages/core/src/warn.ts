const seen = new Set<string>();

export type WarnHandler = (message: string) => void;

let handler: WarnHandler = (message) => {
  if (typeof console !== 'undefined') console.warn(message);
};

export function setWarningHandler(next: WarnHandler | null): void {
  handler = next ?? (() => {});
}

/** Print a warning once per key, prefixed with "[tempora]". */
export function warnOnce(key: string, message: string): void {
  if (seen.has(key)) return;
  seen.add(key);
  handler(`[tempora] ${message}`);
}

export function resetWarnings(): void {
  seen.clear();
}

/** Longest tokens first: the tokenizer is greedy. */
export const TOKENS = [
  'yyyy', 'YYYY', 'MMMM', 'EEEE', 'zzzz', 'SSS', 'MMM', 'EEE', 'XXX',
  'yy', 'MM', 'dd', 'HH', 'hh', 'mm', 'ss', 'ww', 'xx', 'zzz',
  'M', 'd', 'H', 'h', 'a', 'w', 'Q', 'p',
] as const;

export type Token = (typeof TOKENS)[number];

export type Segment = { kind: 'token'; value: Token } | { kind: 'literal'; value: string };

/** Splits a pattern; text in single quotes is literal, '' is a quote. */
export function tokenize(pattern: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (pattern[i] === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out.push({ kind: 'literal', value: "'" });
        i += 2;
        continue;
      }
      const stop = end === -1 ? pattern.length : end;
      out.push({ kind: 'literal', value: pattern.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    const token = TOKENS.find((t) => pattern.startsWith(t, i));
    if (token) {
      out.push({ kind: 'token', value: token });
      i += token.length;
    } else {
      const last = out[out.length - 1];
      if (last && last.kind === 'literal') last.value += pattern[i];
      else out.push({ kind: 'literal', value: pattern[i]! });
      i++;
    }
  }
  return out;
}

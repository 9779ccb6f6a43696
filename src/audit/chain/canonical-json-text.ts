/* The text reader of the canonical JSON form defined in canonical-json.ts. */

const enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerE = 101,
  LowerF = 102,
  LowerN = 110,
  LowerT = 116,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** Integers JavaScript writes back unchanged (well inside the safe range). */
const PLAIN_INTEGER = /^(0|-?[1-9]\d{0,14})$/;

class CanonicalWriter {
  private position = 0;
  /** Most texts hold no backslash at all: then every string token ends at the next quote and stands as it is. */
  private readonly escapes: boolean;

  constructor(private readonly text: string) {
    this.escapes = text.indexOf('\\') >= 0;
  }

  run(): string {
    const out = this.value();
    this.skipSpace();
    if (this.position !== this.text.length) throw new SyntaxError('unexpected text after the JSON value');
    return out;
  }

  private skipSpace(): void {
    let code = this.text.charCodeAt(this.position);
    while (code === Char.Space || code === Char.LineFeed || code === Char.CarriageReturn || code === Char.Tab) {
      code = this.text.charCodeAt(++this.position);
    }
  }

  private expect(code: number): void {
    if (this.text.charCodeAt(this.position) !== code) throw new SyntaxError(`expected ${String.fromCharCode(code)} at ${this.position}`);
    this.position += 1;
  }

  /**
   * A string token without escapes stands as it is; one with escapes is rewritten as
   * JSON.stringify writes it. A raw control character or lone surrogate (never in
   * PostgreSQL's output) is kept raw, so the text cannot equal any canonical JSON and the
   * entry falls back to the reference computation.
   */
  private stringToken(): string {
    const start = this.position;
    if (!this.escapes) {
      const end = this.text.indexOf('"', start + 1);
      if (end < 0) throw new SyntaxError('unterminated string');
      this.position = end + 1;
      return this.text.slice(start, end + 1);
    }
    let from = start + 1;
    for (;;) {
      const quote = this.text.indexOf('"', from);
      if (quote < 0) throw new SyntaxError('unterminated string');
      let before = quote - 1;
      while (this.text.charCodeAt(before) === Char.Backslash) before -= 1;
      from = quote + 1;
      if ((quote - 1 - before) % 2 === 0) break;
    }
    this.position = from;
    const token = this.text.slice(start, from);
    return token.indexOf('\\') < 0 ? token : JSON.stringify(JSON.parse(token) as string);
  }

  private value(): string {
    this.skipSpace();
    const code = this.text.charCodeAt(this.position);
    switch (code) {
      case Char.Quote:
        return this.stringToken();
      case Char.OpenBrace:
        return this.object();
      case Char.OpenBracket:
        return this.array();
      case Char.LowerT:
        return this.literal('true');
      case Char.LowerF:
        return this.literal('false');
      case Char.LowerN:
        return this.literal('null');
      default:
        return this.number(code);
    }
  }

  private literal(word: string): string {
    if (!this.text.startsWith(word, this.position)) throw new SyntaxError(`unexpected token at ${this.position}`);
    this.position += word.length;
    return word;
  }

  /** Written as JavaScript writes the number it denotes: jsonb keeps 1.0 and 1e2 as PostgreSQL numerics. */
  private number(first: number): string {
    const start = this.position;
    let code = first;
    while (code === Char.Minus || code === Char.Plus || code === Char.Dot || code === Char.LowerE || code === Char.UpperE || (code >= Char.Zero && code <= Char.Nine)) {
      code = this.text.charCodeAt(++this.position);
    }
    const literal = this.text.slice(start, this.position);
    if (PLAIN_INTEGER.test(literal)) return literal;
    if (literal.length === 0) throw new SyntaxError(`unexpected character at ${start}`);
    return JSON.stringify(JSON.parse(literal) as number);
  }

  private array(): string {
    this.position += 1;
    this.skipSpace();
    if (this.text.charCodeAt(this.position) === Char.CloseBracket) {
      this.position += 1;
      return '[]';
    }
    let out = `[${this.value()}`;
    for (;;) {
      this.skipSpace();
      const code = this.text.charCodeAt(this.position++);
      if (code === Char.CloseBracket) return `${out}]`;
      if (code !== Char.Comma) throw new SyntaxError(`expected , or ] at ${this.position - 1}`);
      out += `,${this.value()}`;
    }
  }

  /** Members sorted by key as Array.prototype.sort orders strings (UTF-16 code units), like canonicalJson. */
  private object(): string {
    this.position += 1;
    this.skipSpace();
    if (this.text.charCodeAt(this.position) === Char.CloseBrace) {
      this.position += 1;
      return '{}';
    }
    const keys: string[] = [];
    const members: string[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.position) !== Char.Quote) throw new SyntaxError(`expected a key at ${this.position}`);
      const token = this.stringToken();
      const key = !this.escapes || token.indexOf('\\') < 0 ? token.slice(1, -1) : (JSON.parse(token) as string);
      this.skipSpace();
      this.expect(Char.Colon);
      const member = `${token}:${this.value()}`;
      let at = keys.length;
      while (at > 0 && keys[at - 1] > key) at -= 1;
      if (at > 0 && keys[at - 1] === key) throw new SyntaxError(`duplicate key ${token}`);
      if (at === keys.length) {
        keys.push(key);
        members.push(member);
      } else {
        keys.splice(at, 0, key);
        members.splice(at, 0, member);
      }
      this.skipSpace();
      const code = this.text.charCodeAt(this.position++);
      if (code === Char.CloseBrace) {
        let out = `{${members[0]}`;
        for (let index = 1; index < members.length; index += 1) out += `,${members[index]}`;
        return `${out}}`;
      }
      if (code !== Char.Comma) throw new SyntaxError(`expected , or } at ${this.position - 1}`);
    }
  }
}

/**
 * canonicalJson(JSON.parse(text)), read straight from the text without building the value:
 * the same canonical form for an entry as PostgreSQL sends jsonb back. Verifying the chain is
 * dominated by this step, and one pass over the text is about twice as fast as parsing. A
 * raw control character or lone surrogate (never in PostgreSQL's output) is kept raw, so such
 * a text cannot equal any canonical JSON. Throws SyntaxError on text that is not JSON.
 */
export function canonicalJsonOfText(text: string): string {
  return new CanonicalWriter(text).run();
}

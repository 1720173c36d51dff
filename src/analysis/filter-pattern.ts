/**
 * CloudWatch Logs filter patterns, parsed and evaluated against a log event, so a metric
 * filter is judged by what it matches rather than by how its text is spelled (the anchors'
 * regular expressions FAIL on newlines, quotes, reordered `||` terms and `"AccessDenied*"`
 * written differently).
 *
 * What is modelled (the "Filter pattern syntax for metric filters" page of the CloudWatch Logs
 * user guide):
 * - JSON patterns `{ … }`: selectors `$.a.b`, `$.list[0].id`; `=` and `!=` against a quoted or
 *   unquoted string with `*` wildcards, or against a number; `<`, `<=`, `>`, `>=` against a
 *   number; `IS TRUE`, `IS FALSE`, `IS NULL`, `NOT EXISTS`; `%regex%` values; `&&`, `||` and
 *   parentheses.
 * - Term patterns on the raw text: an empty pattern (every event), terms that must all appear,
 *   `?term` alternatives, `-term` exclusions, quoted phrases.
 * Space-delimited patterns (`[ip, user, …]`) are refused with a FilterPatternError: a caller
 * that cannot judge a filter must say so, not guess.
 *
 * Two choices where the user guide is silent, each the reading that never invents a match:
 * a comparison on a field the event does not have is false (`!=` included; `NOT EXISTS` is
 * the way to ask for absence), and `&&` binds tighter than `||`.
 */

export class FilterPatternError extends Error {
  override name = 'FilterPatternError';
}

export type PathStep = string | number;
export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type Value = { type: 'string'; text: string } | { type: 'number'; value: number } | { type: 'regex'; source: string };

export type JsonExpr =
  | { kind: 'and' | 'or'; left: JsonExpr; right: JsonExpr }
  | { kind: 'compare'; selector: string; path: PathStep[]; op: Operator; value: Value }
  | { kind: 'is'; selector: string; path: PathStep[]; what: true | false | null }
  | { kind: 'notExists'; selector: string; path: PathStep[] };

export type FilterPattern =
  { kind: 'json'; expr: JsonExpr } | { kind: 'terms'; all: string[]; any: string[]; none: string[] } | { kind: 'regex'; source: string };

// ---------------------------------------------------------------------------------------------
// Tokens of the JSON form

type Token =
  { t: '(' | ')' | '&&' | '||' | 'op'; v: string; at: number } | { t: 'selector' | 'word' | 'quoted' | 'regex'; v: string; at: number };

const OPERATORS = ['!=', '<=', '>=', '=', '<', '>'] as const;
/** Characters that end an unquoted value or keyword. */
const WORD_END = /[\s()&|=!<>"{}%]/;

function tokenize(body: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    const at = offset + i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ t: c, v: c, at });
      i++;
    } else if (body.startsWith('&&', i) || body.startsWith('||', i)) {
      tokens.push({ t: body.slice(i, i + 2) as '&&' | '||', v: body.slice(i, i + 2), at });
      i += 2;
    } else if (OPERATORS.some((op) => body.startsWith(op, i))) {
      const op = OPERATORS.find((o) => body.startsWith(o, i))!;
      tokens.push({ t: 'op', v: op, at });
      i += op.length;
    } else if (c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < body.length && body[j] !== '"'; j++) {
        // A backslash keeps the next character as it is (an escaped quote inside a value).
        if (body[j] === '\\' && j + 1 < body.length) j++;
        text += body[j];
      }
      if (j >= body.length) throw new FilterPatternError(`unterminated quoted value starting at character ${at + 1}`);
      tokens.push({ t: 'quoted', v: text, at });
      i = j + 1;
    } else if (c === '%') {
      const end = body.indexOf('%', i + 1);
      if (end < 0) throw new FilterPatternError(`unterminated %regex% starting at character ${at + 1}`);
      tokens.push({ t: 'regex', v: body.slice(i + 1, end), at });
      i = end + 1;
    } else if (c === '$') {
      let j = i + 1;
      // A selector runs to the next space, operator or parenthesis; brackets belong to it.
      while (j < body.length && !/[\s()&|=!<>]/.test(body[j]!)) j++;
      tokens.push({ t: 'selector', v: body.slice(i, j), at });
      i = j;
    } else {
      let j = i;
      while (j < body.length && !WORD_END.test(body[j]!)) j++;
      if (j === i) throw new FilterPatternError(`unexpected "${c}" at character ${at + 1}`);
      tokens.push({ t: 'word', v: body.slice(i, j), at });
      i = j;
    }
  }
  return tokens;
}

/** `$.a.b[0].c` → ['a', 'b', 0, 'c']. */
export function parseSelector(selector: string): PathStep[] {
  if (!selector.startsWith('$')) throw new FilterPatternError(`a selector starts with $: "${selector}"`);
  const path: PathStep[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]/gy;
  re.lastIndex = 1;
  let m: RegExpExecArray | null;
  while (re.lastIndex < selector.length && (m = re.exec(selector))) {
    path.push(m[1] !== undefined ? m[1] : Number(m[2]));
  }
  if (re.lastIndex !== selector.length || !path.length) throw new FilterPatternError(`cannot read the selector "${selector}"`);
  return path;
}

class JsonParser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): JsonExpr {
    if (!this.tokens.length) throw new FilterPatternError('an empty { } pattern');
    const expr = this.or();
    const extra = this.tokens[this.i];
    if (extra) throw new FilterPatternError(`unexpected "${extra.v}" at character ${extra.at + 1}`);
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(what: string): Token {
    const token = this.tokens[this.i++];
    if (!token) throw new FilterPatternError(`the pattern ends where ${what} was expected`);
    return token;
  }

  private or(): JsonExpr {
    let left = this.and();
    while (this.peek()?.t === '||') {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): JsonExpr {
    let left = this.primary();
    while (this.peek()?.t === '&&') {
      this.i++;
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): JsonExpr {
    const token = this.next('a condition');
    if (token.t === '(') {
      const inner = this.or();
      const close = this.next('")"');
      if (close.t !== ')') throw new FilterPatternError(`expected ")" at character ${close.at + 1}, found "${close.v}"`);
      return inner;
    }
    if (token.t !== 'selector') throw new FilterPatternError(`expected a $.selector at character ${token.at + 1}, found "${token.v}"`);
    const selector = token.v;
    const path = parseSelector(selector);
    const after = this.next(`an operator after ${selector}`);
    if (after.t === 'word' && after.v.toUpperCase() === 'IS') {
      const what = this.next('TRUE, FALSE or NULL');
      const word = what.t === 'word' ? what.v.toUpperCase() : '';
      if (word === 'TRUE') return { kind: 'is', selector, path, what: true };
      if (word === 'FALSE') return { kind: 'is', selector, path, what: false };
      if (word === 'NULL') return { kind: 'is', selector, path, what: null };
      throw new FilterPatternError(`expected TRUE, FALSE or NULL after IS at character ${what.at + 1}`);
    }
    if (after.t === 'word' && after.v.toUpperCase() === 'NOT') {
      const what = this.next('EXISTS');
      if (what.t !== 'word' || what.v.toUpperCase() !== 'EXISTS')
        throw new FilterPatternError(`expected EXISTS after NOT at character ${what.at + 1}`);
      return { kind: 'notExists', selector, path };
    }
    if (after.t !== 'op') throw new FilterPatternError(`expected an operator after ${selector} at character ${after.at + 1}`);
    const op = after.v as Operator;
    const raw = this.next(`a value after ${selector} ${op}`);
    let value: Value;
    if (raw.t === 'quoted') value = { type: 'string', text: raw.v };
    else if (raw.t === 'regex') value = { type: 'regex', source: raw.v };
    else if (raw.t === 'word' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw.v)) value = { type: 'number', value: Number(raw.v) };
    else if (raw.t === 'word') value = { type: 'string', text: raw.v };
    else throw new FilterPatternError(`expected a value after ${selector} ${op} at character ${raw.at + 1}, found "${raw.v}"`);
    if (op !== '=' && op !== '!=' && value.type !== 'number')
      throw new FilterPatternError(`${op} compares numbers, but ${selector} is compared with "${raw.v}"`);
    if (value.type === 'regex') {
      try {
        new RegExp(value.source);
      } catch {
        throw new FilterPatternError(`the regular expression %${value.source}% cannot be read`);
      }
    }
    return { kind: 'compare', selector, path, op, value };
  }
}

/** Terms of the text form: `ERROR`, `"Failed authentication"`, `?a ?b`, `-DEBUG`. */
function parseTerms(text: string): FilterPattern {
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  const re = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
    (m[1] === '?' ? any : m[1] === '-' ? none : all).push(term);
  }
  return { kind: 'terms', all, any, none };
}

export function parseFilterPattern(text: string): FilterPattern {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    if (!trimmed.endsWith('}')) throw new FilterPatternError('a JSON pattern opened with { is not closed with }');
    const offset = text.indexOf('{') + 1;
    return { kind: 'json', expr: new JsonParser(tokenize(trimmed.slice(1, -1), offset)).parse() };
  }
  if (trimmed.startsWith('[')) throw new FilterPatternError('space-delimited patterns ([field, …]) are not evaluated');
  if (trimmed.length > 1 && trimmed.startsWith('%') && trimmed.endsWith('%')) {
    const source = trimmed.slice(1, -1);
    try {
      new RegExp(source);
    } catch {
      throw new FilterPatternError(`the regular expression %${source}% cannot be read`);
    }
    return { kind: 'regex', source };
  }
  return parseTerms(trimmed);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const MISSING = Symbol('missing');

function select(event: unknown, path: PathStep[]): unknown {
  let here: unknown = event;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(here) || step >= here.length) return MISSING;
      here = here[step];
    } else {
      if (!here || typeof here !== 'object' || Array.isArray(here) || !Object.hasOwn(here, step)) return MISSING;
      here = (here as Record<string, unknown>)[step];
    }
  }
  return here;
}

/** `*` is a wildcard anywhere in the value; everything else is literal and case-sensitive. */
function globMatches(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern === text;
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[\\s\\S]*')}$`);
  return re.test(text);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function equals(field: unknown, value: Value): boolean {
  if (value.type === 'number') {
    if (typeof field === 'number') return field === value.value;
    // An unquoted number also matches the same text in a string field ("errorCode": "404").
    return typeof field === 'string' && field === String(value.value);
  }
  if (value.type === 'regex') return typeof field === 'string' && new RegExp(value.source).test(field);
  if (typeof field === 'string') return globMatches(value.text, field);
  if (typeof field === 'number' || typeof field === 'boolean') return globMatches(value.text, String(field));
  return false;
}

function evaluate(expr: JsonExpr, event: unknown): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluate(expr.left, event) && evaluate(expr.right, event);
    case 'or':
      return evaluate(expr.left, event) || evaluate(expr.right, event);
    case 'notExists':
      return select(event, expr.path) === MISSING;
    case 'is': {
      const field = select(event, expr.path);
      return field !== MISSING && field === expr.what;
    }
    case 'compare': {
      const field = select(event, expr.path);
      if (field === MISSING || field === null || typeof field === 'object') return false;
      const { op, value } = expr;
      if (op === '=') return equals(field, value);
      if (op === '!=') return !equals(field, value);
      if (value.type !== 'number') return false;
      const n = typeof field === 'number' ? field : typeof field === 'string' && field.trim() !== '' ? Number(field) : NaN;
      if (Number.isNaN(n)) return false;
      return op === '<' ? n < value.value : op === '<=' ? n <= value.value : op === '>' ? n > value.value : n >= value.value;
    }
  }
}

/** Whether the pattern matches one log event, given as its parsed JSON (the raw text is its serialisation). */
export function matchesEvent(pattern: FilterPattern, event: unknown): boolean {
  if (pattern.kind === 'json') return evaluate(pattern.expr, event);
  const text = typeof event === 'string' ? event : JSON.stringify(event);
  if (pattern.kind === 'regex') return new RegExp(pattern.source).test(text);
  if (pattern.none.some((t) => text.includes(t))) return false;
  if (!pattern.all.every((t) => text.includes(t))) return false;
  return !pattern.any.length || pattern.any.some((t) => text.includes(t));
}

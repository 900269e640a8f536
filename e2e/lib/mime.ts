/**
 * Just enough MIME to read what nodemailer sends (mailparser is not a dependency): header
 * unfolding, RFC 2047 encoded words, nested multiparts, quoted-printable and base64 bodies.
 */

export interface ParsedMail {
  to: string[];
  from: string;
  subject: string;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded (empty when absent). */
  html: string;
  /** The text/calendar part (an invitation), decoded with CRLF line ends; empty when absent. */
  calendar: string;
  /** Content-Type of the calendar part, e.g. `text/calendar; charset=utf-8; method=PUBLISH`. */
  calendarType: string;
  headers: Map<string, string>;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitHeadersAndBody(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  const headers = new Map<string, string>();
  // Unfold: a line starting with white space continues the previous header.
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(key, headers.has(key) ? `${headers.get(key)}, ${value}` : value);
  }
  return { headers, body };
}

/** Reads a parameter such as boundary or charset from a structured header value. */
function headerParam(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2]) : undefined;
}

function bytesToString(bytes: Buffer, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

export function decodeQuotedPrintable(input: string): Buffer {
  // Soft line breaks (=\n) join lines; =XX is a byte.
  const joined = input.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      // Any other byte passes through unchanged.
      bytes.push(c.charCodeAt(0) & 0xff); // the source is latin1: one char per byte
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase().trim();
  const charset = headerParam(part.headers.get('content-type'), 'charset') ?? 'utf-8';
  if (encoding === 'base64') return bytesToString(Buffer.from(part.body.replace(/\s+/g, ''), 'base64'), charset);
  if (encoding === 'quoted-printable') return bytesToString(decodeQuotedPrintable(part.body), charset);
  // The SMTP data ends with a line break that belongs to the transport, not to the text.
  return bytesToString(Buffer.from(part.body.replace(/\n$/, ''), 'binary'), charset);
}

/** Decodes RFC 2047 encoded words (=?utf-8?Q?...?= and =?utf-8?B?...?=) in a header. */
export function decodeHeaderWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1') // white space between encoded words is dropped
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, charset: string, kind: string, text: string) => {
      const bytes =
        kind.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : decodeQuotedPrintable(text.replace(/_/g, ' '));
      return bytesToString(bytes, charset.replace(/\*.*$/, ''));
    });
}

function collectLeaves(part: Part, out: Part[]) {
  const type = part.headers.get('content-type') ?? 'text/plain';
  if (/^multipart\//i.test(type)) {
    const boundary = headerParam(type, 'boundary');
    if (!boundary) return;
    const delimiter = `--${boundary}`;
    const sections = part.body.split('\n');
    let current: string[] | null = null;
    for (const line of sections) {
      if (line.startsWith(delimiter)) {
        if (current) collectLeaves(splitHeadersAndBody(current.join('\n')), out);
        current = line.startsWith(`${delimiter}--`) ? null : [];
        if (line.startsWith(`${delimiter}--`)) break;
      } else if (current) {
        current.push(line);
      }
    }
    return;
  }
  out.push(part);
}

function addresses(value: string | undefined): string[] {
  if (!value) return [];
  return decodeHeaderWords(value)
    .split(',')
    .map((a) => {
      const angle = /<([^>]+)>/.exec(a);
      return (angle ? angle[1]! : a).trim().toLowerCase();
    })
    .filter(Boolean);
}

export function parseMail(raw: string | Buffer): ParsedMail {
  // Latin-1 keeps every byte as one char, so 8bit bodies decode correctly with their charset later.
  const source = typeof raw === 'string' ? raw : raw.toString('binary');
  const root = splitHeadersAndBody(source);
  const leaves: Part[] = [];
  collectLeaves(root, leaves);
  const isType = (p: Part, t: string) => (p.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(t);
  const textPart = leaves.find((p) => isType(p, 'text/plain'));
  const htmlPart = leaves.find((p) => isType(p, 'text/html'));
  const calendarPart = leaves.find((p) => isType(p, 'text/calendar'));
  return {
    to: addresses(root.headers.get('to')),
    from: decodeHeaderWords(root.headers.get('from') ?? ''),
    subject: decodeHeaderWords(root.headers.get('subject') ?? ''),
    text: textPart ? decodeBody(textPart).replace(/\r\n/g, '\n') : '',
    html: htmlPart ? decodeBody(htmlPart) : '',
    calendar: calendarPart ? decodeBody(calendarPart) : '',
    calendarType: calendarPart?.headers.get('content-type') ?? '',
    headers: root.headers,
  };
}

/** The first http(s) link in a text, optionally the first one containing `contains`. */
export function findLink(text: string, contains?: string): string | undefined {
  const links = text.match(/https?:\/\/[^\s<>"')]+/g) ?? [];
  return contains ? links.find((l) => l.includes(contains)) : links[0];
}

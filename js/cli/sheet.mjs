// Spreadsheets in and out: CSV (RFC 4180; UTF-8 with or without BOM, or
// GB18030 as Excel saves it on Chinese Windows) and .xlsx (read-excel-file,
// loaded only when an .xlsx is read) to rows of text; CSV cells written back.
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './common.mjs';

/** Bytes → text: UTF-8 (a BOM dropped) when valid, else GB18030. */
export function decodeText(bytes) {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** CSV text → rows of cells, in one pass (quotes, "" escapes, CRLF/LF, newlines inside quotes). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  let quoted = false;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      const next = text.indexOf('"', i);
      const end = next < 0 ? n : next;
      cell += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r' && text[j] !== '"') j++;
      if (j === i) j++;
      cell += text.slice(i, j);
      i = j;
    }
  }
  if (quoted) throw new CliError('the CSV ends inside a quoted cell (a " is not closed)');
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const pad = (n) => String(n).padStart(2, '0');
function cellText(v) {
  if (v === null || v === undefined) return '';
  if (v instanceof Date)
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`.replace(/ 00:00:00$/, '');
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** The sheet of a .csv or .xlsx file as rows of text cells. */
export async function readSheet(file) {
  const ext = path.extname(file).toLowerCase();
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  if (ext === '.csv' || ext === '.txt') return { bytes, rows: parseCsv(decodeText(bytes)) };
  if (ext === '.xlsx') {
    const { readSheet: readXlsx } = await import('read-excel-file/node');
    let sheet;
    try {
      sheet = await readXlsx(bytes);
    } catch (e) {
      throw new CliError(`${file} is not a readable .xlsx: ${e.message}`);
    }
    return { bytes, rows: sheet.map((r) => r.map(cellText)) };
  }
  throw new CliError(`${file}: only .csv and .xlsx are read (got ${ext || 'no extension'})`, { hint: 'save the sheet as .xlsx or CSV (UTF-8)' });
}

/**
 * Rows of cells (the first one the header) → lead rows for 小A: 姓名 and 电话
 * first (the platform requires them there), the other columns after in the
 * file's order; lines with no text skipped. `line` maps a lead back to its
 * line in the file.
 */
export function leadsOf(cells, file) {
  const [header = [], ...body] = cells;
  const names = header.map((h, i) => String(h).trim() || `列${i + 1}`);
  const nameAt = names.indexOf('姓名');
  const phoneAt = names.indexOf('电话');
  if (nameAt < 0 || phoneAt < 0) {
    throw new CliError(`${file}: the first line must name the columns, with 姓名 and 电话 among them (got ${names.slice(0, 6).join(', ') || 'nothing'})`, {
      hint: "the project's template (waihu import --help) has the columns the platform expects",
    });
  }
  const seen = new Set();
  for (const n of names) {
    if (seen.has(n)) throw new CliError(`${file}: the column ${n} appears twice in the first line`);
    seen.add(n);
  }
  const order = [nameAt, phoneAt, ...names.map((_, i) => i).filter((i) => i !== nameAt && i !== phoneAt)];
  const rows = [];
  const lines = [];
  body.forEach((cellsOfLine, i) => {
    if (!cellsOfLine.some((c) => String(c).trim() !== '')) return;
    const row = {};
    for (const j of order) row[names[j]] = cellsOfLine[j] === undefined ? '' : String(cellsOfLine[j]);
    row.电话 = row.电话.trim();
    rows.push(row);
    lines.push(i + 2);
  });
  return { rows, lines, columns: order.map((j) => names[j]) };
}

/** One CSV cell: quoted when needed; a leading = @ (or + - not starting a number) defused for spreadsheets. */
export function csvCell(v) {
  let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=@\t\r]/.test(s) || /^[+-][^\d.]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

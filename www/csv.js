// A small RFC 4180 CSV reader: quoted fields, "" escapes, commas and line
// breaks inside quotes, CRLF or LF, a UTF-8 BOM. Returns rows of strings.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

/** CSV text → lead objects keyed by the header row (in header order). */
export function csvToLeads(text) {
  const [header = [], ...lines] = parseCsv(text);
  const keys = header.map((h) => h.trim());
  return { columns: keys, rows: lines.map((l) => Object.fromEntries(keys.map((k, j) => [k, (l[j] ?? '').trim()]))) };
}

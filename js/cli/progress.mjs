// Progress of a long command on stderr: a bar redrawn in place when stderr is
// a terminal (done/total, rate, ETA), plain lines otherwise (logs, CI, pipes),
// at most one every `every` ms and at each step the command marks.

const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** `75 s` → `1m15s`. */
export function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * `label` names the job, `unit` what is counted (`rows`, `records`). `total`
 * may be unknown (undefined): then no bar, no ETA. `initial`: what an earlier
 * run did already. `tty` defaults to the stream's.
 */
export function createProgress({ stream, label, unit, total, initial = 0, tty = Boolean(stream.isTTY), quiet = false, every = tty ? 100 : 5000, now = () => Date.now() }) {
  const started = now();
  let done = initial;
  let extra = '';
  let lastDraw = 0;
  let drawn = false;
  let timer;

  function line(bar) {
    const elapsed = now() - started;
    // The rate and ETA count this run only (a resumed job starts at `initial`).
    const rate = elapsed > 0 ? ((done - initial) * 1000) / elapsed : 0;
    const parts = [];
    if (total !== undefined && total > 0) {
      const pct = Math.min(100, (done * 100) / total);
      if (bar) {
        const width = Math.max(10, Math.min(30, (stream.columns || 80) - 70));
        const full = Math.round((pct / 100) * width);
        parts.push(`[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${pct.toFixed(0).padStart(3)}%`);
      } else parts.push(`${pct.toFixed(0)}%`);
      parts.push(`${fmt(done)}/${fmt(total)} ${unit}`);
    } else parts.push(`${fmt(done)} ${unit}`);
    if (done > initial) parts.push(`${fmt(rate)} ${unit}/s`);
    if (total !== undefined && done < total && rate > 0) parts.push(`ETA ${duration(((total - done) / rate) * 1000)}`);
    parts.push(duration(elapsed));
    if (extra) parts.push(extra);
    return `${label} ${parts.join(' · ')}`;
  }

  function draw(force) {
    if (quiet) return;
    const t = now();
    if (!force && t - lastDraw < every) return;
    lastDraw = t;
    if (tty) {
      // Clear the line, draw, stay on it.
      stream.write(`\r\x1b[2K${line(true)}`);
      drawn = true;
    } else stream.write(`${line(false)}\n`);
  }

  // On a terminal, time moves while a request is on the wire: redraw each second.
  if (tty && !quiet) {
    timer = setInterval(() => draw(true), 1000);
    timer.unref?.();
  }

  return {
    /** Sets the count (and a short note); draws if it is time, or when `step` marks a unit of work done. */
    update(n, { note, step = false, newTotal } = {}) {
      done = n;
      if (note !== undefined) extra = note;
      if (newTotal !== undefined) total = newTotal;
      draw(step);
    },
    /** A line of its own above the bar (warnings, skipped items). */
    log(text) {
      if (tty && drawn) stream.write('\r\x1b[2K');
      stream.write(`${text}\n`);
      if (tty && drawn) draw(true);
    },
    /** The last state, then the bar's line is left as it is. */
    finish(note) {
      if (timer) clearInterval(timer);
      if (note !== undefined) extra = note;
      if (quiet) return;
      if (tty) stream.write(`\r\x1b[2K${line(true)}\n`);
      else stream.write(`${line(false)}\n`);
    },
    stop() {
      if (timer) clearInterval(timer);
      if (tty && drawn && !quiet) stream.write('\n');
    },
  };
}

//! Walking a list method page by page, without I/O: where the next page
//! starts, and when the list has ended. The three platforms page three ways
//! (小A a 0-based page number, 八百呼 a row offset or a 1-based page,
//! SCCC "records after this key"); one cursor serves them all.

/// How a list method counts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unit {
    /// `offset` counts rows (`start`).
    Rows,
    /// `offset` counts pages, the first being `first` (0 or 1).
    Pages { first: u64 },
    /// `offset` is the last key seen; the next page holds the records after it.
    Key,
}

/// Where the next page starts, and when to stop.
#[derive(Clone, Debug, PartialEq)]
pub struct Pager {
    unit: Unit,
    /// The row offset, page number or last key of the next request.
    offset: u64,
    size: u64,
    /// A page shorter than `size` is the last one (false where the server may
    /// cap the page size below what was asked: then only `total` ends the list).
    short_page_ends: bool,
    seen: u64,
    done: bool,
}

impl Pager {
    pub fn new(unit: Unit, offset: u64, size: u64, short_page_ends: bool) -> Pager {
        Pager { unit, offset, size: size.max(1), short_page_ends, seen: 0, done: false }
    }

    /// The `(offset, size)` of the next request, or None when the list ended.
    pub fn next(&self) -> Option<(u64, u64)> {
        (!self.done).then_some((self.offset, self.size))
    }

    /// How many items were seen so far.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// A page came back with `items` items; `total` when the answer says how
    /// many there are in all; `max_key` the largest key on the page (Key).
    pub fn on_page(&mut self, items: u64, total: Option<f64>, max_key: Option<u64>) {
        self.seen += items;
        let mut done = items == 0 || total.is_some_and(|t| self.seen as f64 >= t) || (self.short_page_ends && items < self.size);
        match self.unit {
            Unit::Rows => self.offset += items.max(1),
            Unit::Pages { first } => {
                self.offset += 1;
                // More pages than the total allows: a server that ignores the page number.
                let pages = self.offset - first;
                done |= total.is_some_and(|t| pages as f64 > t / self.size as f64 + 2.0);
            }
            Unit::Key => {
                let next = max_key.unwrap_or(self.offset).max(self.offset);
                done |= next <= self.offset;
                self.offset = next;
            }
        }
        self.done |= done;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages a list of `n` items served `served` at a time (a server may
    /// cap the page size), returns the offsets asked for.
    fn walk(mut p: Pager, n: u64, served: u64, total: bool) -> Vec<u64> {
        let mut asked = Vec::new();
        while let Some((offset, size)) = p.next() {
            asked.push(offset);
            let start = match p.unit {
                Unit::Rows => offset,
                Unit::Pages { first } => (offset - first) * size.min(served),
                Unit::Key => offset,
            };
            let items = n.saturating_sub(start).min(size).min(served);
            p.on_page(items, total.then_some(n as f64), (items > 0).then_some(start + items));
            assert!(asked.len() < 1000, "never ends");
        }
        assert_eq!(p.seen(), n);
        asked
    }

    #[test]
    fn every_platform_pages_to_the_end() {
        // 小A: 0-based pages, 250 items by 100, the total ends it.
        assert_eq!(walk(Pager::new(Unit::Pages { first: 0 }, 0, 100, false), 250, 100, true), vec![0, 1, 2]);
        // A server that serves 50 when asked 100: the total, not the short page, ends it.
        assert_eq!(walk(Pager::new(Unit::Pages { first: 0 }, 0, 100, false), 120, 50, true).len(), 3);
        // 八百呼: row offsets; a short page ends it even without a total.
        assert_eq!(walk(Pager::new(Unit::Rows, 0, 25, true), 57, 25, false), vec![0, 25, 50]);
        // 八百呼 getPhoneAudit: 1-based pages.
        assert_eq!(walk(Pager::new(Unit::Pages { first: 1 }, 1, 25, true), 30, 25, true), vec![1, 2]);
        // SCCC: records after the last key, 500 at a time.
        assert_eq!(walk(Pager::new(Unit::Key, 0, 500, true), 1203, 500, false), vec![0, 500, 1000]);
        // Exactly a page's worth: one more (empty) request.
        assert_eq!(walk(Pager::new(Unit::Rows, 0, 25, true), 50, 25, false), vec![0, 25, 50]);
        assert_eq!(walk(Pager::new(Unit::Rows, 0, 25, true), 0, 25, false), vec![0]);
    }

    #[test]
    fn servers_that_misbehave_do_not_loop_forever() {
        // Ignores the page number: the same page again and again, total 1000.
        let mut p = Pager::new(Unit::Pages { first: 0 }, 0, 10, false);
        let mut n = 0;
        while p.next().is_some() {
            p.on_page(10, Some(1000.0), None);
            n += 1;
            if n > 200 {
                break;
            }
        }
        assert_eq!(n, 100, "stops when the total is reached");
        // Keys that do not advance.
        let mut p = Pager::new(Unit::Key, 7, 500, false);
        p.on_page(500, None, Some(7));
        assert_eq!(p.next(), None);
        // No total, no short page: an empty page ends it.
        let mut p = Pager::new(Unit::Rows, 0, 10, false);
        p.on_page(10, None, None);
        assert_eq!(p.next(), Some((10, 10)));
        p.on_page(0, None, None);
        assert_eq!(p.next(), None);
    }
}

//! Duplicate keys, resolved in O(n log n): objects and query strings from a
//! hostile peer may carry a hundred thousand keys, so no parser looks keys up
//! one scan at a time.

/// Up to this many items, duplicates are found by scanning; past it, by sorting.
pub const SCAN_LIMIT: usize = 16;

/// The members that survive PHP's and JavaScript's duplicate-key rule: each
/// distinct key once, at its first position, with the value of its last
/// occurrence, as `(first index, last index)` in first-position order.
/// `None` when every key is distinct (the usual case). O(n log n): a scan for
/// a few members, a sort of the indices for many, so that an object of a
/// hundred thousand keys costs no more than sorting them.
pub fn survivors<T>(items: &[T], key: impl Fn(&T) -> &str) -> Option<Vec<(usize, usize)>> {
    let keys: Vec<&str> = items.iter().map(key).collect();
    survivors_of(&keys)
}

/// [`survivors`] of the keys themselves (one sort instantiation in the module).
#[inline(never)]
pub fn survivors_of(keys: &[&str]) -> Option<Vec<(usize, usize)>> {
    let n = keys.len();
    if n < 2 {
        return None;
    }
    if n <= SCAN_LIMIT {
        let mut plan: Vec<(usize, usize)> = Vec::with_capacity(n);
        let mut dup = false;
        for i in 0..n {
            match plan.iter_mut().find(|(first, _)| keys[*first] == keys[i]) {
                Some(p) => {
                    p.1 = i;
                    dup = true;
                }
                None => plan.push((i, i)),
            }
        }
        return dup.then_some(plan);
    }
    let order = sorted_indices(keys);
    if order.windows(2).all(|w| keys[w[0]] != keys[w[1]]) {
        return None;
    }
    // For each group of equal keys (positions ascending): its first and last.
    let mut last_of = vec![usize::MAX; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && keys[order[j + 1]] == keys[order[i]] {
            j += 1;
        }
        last_of[order[i]] = order[j];
        i = j + 1;
    }
    Some(last_of.iter().enumerate().filter(|(_, l)| **l != usize::MAX).map(|(f, l)| (f, *l)).collect())
}

/// The indices of `keys`, ordered by key then position: a bottom-up merge
/// sort (stable, so equal keys stay in position order). Hand-written: the
/// standard library's sorts cost the wasm module 12 KB for this one use.
#[inline(never)]
pub fn sorted_indices(keys: &[&str]) -> Vec<usize> {
    let n = keys.len();
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = vec![0usize; n];
    let mut width = 1;
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let end = (i + 2 * width).min(n);
            let (mut l, mut r, mut k) = (i, mid, i);
            while l < mid && r < end {
                if keys[a[r]] < keys[a[l]] {
                    b[k] = a[r];
                    r += 1;
                } else {
                    b[k] = a[l];
                    l += 1;
                }
                k += 1;
            }
            b[k..k + (mid - l)].copy_from_slice(&a[l..mid]);
            k += mid - l;
            b[k..k + (end - r)].copy_from_slice(&a[r..end]);
            i = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_position_last_value() {
        assert_eq!(survivors(&["a", "b", "c"], |s| s), None);
        assert_eq!(survivors(&["a", "b", "a"], |s| s), Some(vec![(0, 2), (1, 1)]));
        let many: Vec<String> = (0..100).map(|i| format!("k{}", i % 40)).collect();
        let plan = survivors(&many, |s| s.as_str()).unwrap();
        assert_eq!(plan.len(), 40);
        assert_eq!(plan[0], (0, 80));
        assert_eq!(plan[39], (39, 79));
        let distinct: Vec<String> = (0..1000).map(|i| format!("k{i}")).collect();
        assert_eq!(survivors(&distinct, |s| s.as_str()), None);
    }

    #[test]
    fn sorted_indices_is_a_stable_sort() {
        let mut seed = 7u32;
        for n in [0, 1, 2, 3, 17, 100, 1000, 4097] {
            let keys: Vec<String> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    format!("k{}", (seed >> 16) % 50)
                })
                .collect();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let mut want: Vec<usize> = (0..n).collect();
            want.sort_by(|&a, &b| refs[a].cmp(refs[b]).then(a.cmp(&b)));
            assert_eq!(sorted_indices(&refs), want, "n = {n}");
        }
    }
}

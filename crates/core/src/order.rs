//! Sorting for the lists the app shows, compiled once.
//!
//! Every `slice::sort_by` with its own closure is a new copy of the standard library's
//! stable sort in the wasm (about 4 KB each; some forty copies were a twentieth of the app).
//! [`sort_by`] sorts the positions `0..len` with one comparison type, a `dyn` call into the
//! caller's comparison, and then puts the items in that order: one copy of the sort for the
//! whole program. It is stable, like `slice::sort_by`. Code that ships in the app (the core,
//! the adapters, the pages) sorts through here; tests and native tools need not.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, as `slice::sort_by` would.
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` stably by the key `key` gives, as `slice::sort_by_key` would.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably in their natural order, as `slice::sort` would.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` gives them: the one instantiation of the
/// standard sort.
fn positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut items: Vec<(u32, char)> = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut items, |i| i.0);
        assert_eq!(
            items,
            vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
        sort_by(&mut items, |a, b| b.1.cmp(&a.1));
        assert_eq!(
            items,
            vec![(1, 'e'), (2, 'd'), (3, 'c'), (1, 'b'), (3, 'a')]
        );
    }

    #[test]
    fn sorts_owned_values_without_cloning_them() {
        let mut names: Vec<String> = ["Үмөт", "Айбек", "Нурлан", ""].map(String::from).to_vec();
        sort(&mut names);
        assert_eq!(names, ["", "Айбек", "Нурлан", "Үмөт"]);
        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}

//! The last few results of a costly step that a process keeps, so that the reports of a batch
//! share them (a base data file parsed, a font program stripped): looked up by a predicate,
//! cloned out, the oldest dropped when full. Lookups compare their whole inputs, so an answer
//! is always the one the step would give.

use std::sync::Mutex;

/// Up to `cap` kept results, oldest first.
pub(crate) struct Recent<T> {
    kept: Mutex<Vec<T>>,
    cap: usize,
}

impl<T: Clone> Recent<T> {
    /// An empty store of at most `cap` results (for a `static`).
    pub(crate) const fn new(cap: usize) -> Recent<T> {
        Recent {
            kept: Mutex::new(Vec::new()),
            cap,
        }
    }

    /// The first kept result `matches` accepts.
    pub(crate) fn find(&self, matches: impl Fn(&T) -> bool) -> Option<T> {
        // A poisoned lock only means another thread panicked while pushing; the list is whole.
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.iter().find(|t| matches(t)).cloned()
    }

    /// Keeps `item`, dropping the oldest result when full.
    pub(crate) fn keep(&self, item: T) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() >= self.cap {
            kept.remove(0);
        }
        kept.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_it_keeps_and_drops_the_oldest_when_full() {
        let r: Recent<(u8, &str)> = Recent::new(2);
        assert_eq!(r.find(|_| true), None);
        r.keep((1, "a"));
        r.keep((2, "b"));
        assert_eq!(r.find(|t| t.0 == 1), Some((1, "a")));
        r.keep((3, "c"));
        assert_eq!(r.find(|t| t.0 == 1), None, "the oldest went");
        assert_eq!(
            r.find(|t| t.0 >= 2),
            Some((2, "b")),
            "first match, oldest first"
        );
        assert_eq!(r.find(|t| t.0 == 3), Some((3, "c")));
    }
}

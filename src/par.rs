//! Work spread over rayon's worker threads only when there is enough of it: a single report
//! that starts the workers, and a compressor on each, pays ≈ 2 ms of page faults for them.

/// `items` mapped by `f` in order: on the worker threads when `parallel`, else on this thread.
pub(crate) fn map_if<T: Send, R: Send>(
    parallel: bool,
    items: Vec<T>,
    f: impl Fn(T) -> R + Sync + Send,
) -> Vec<R> {
    if parallel {
        use rayon::prelude::*;
        items.into_par_iter().map(f).collect()
    } else {
        items.into_iter().map(f).collect()
    }
}

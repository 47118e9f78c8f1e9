//! The `huibao` binary: parses arguments and hands over to [`huibao::cli`].

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

fn main() -> std::process::ExitCode {
    huibao::cli::run(huibao::cli::help::parse())
}

/// mimalloc, for the many small blocks a batch allocates and frees on its threads (see
/// `Cargo.toml`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

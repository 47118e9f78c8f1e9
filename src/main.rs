//! The `huibao` binary: parses arguments and hands over to [`huibao::cli`].

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

fn main() -> std::process::ExitCode {
    huibao::cli::run(huibao::cli::help::parse())
}

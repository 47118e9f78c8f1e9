//! The `huibao` binary: parses arguments and hands over to [`huibao::cli`].

use clap::Parser;

fn main() -> std::process::ExitCode {
    huibao::cli::run(huibao::cli::args::Cli::parse())
}

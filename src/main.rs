//! The `huibao` binary: parses arguments and hands over to [`huibao::cli`].

fn main() -> std::process::ExitCode {
    huibao::cli::run(huibao::cli::help::parse())
}

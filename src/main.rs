//! The `posture` binary: parse the command line, run, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;

/// Exit status for usage errors and bad input.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = posture::cli::Cli::parse();
    match posture::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            use std::io::Write as _;
            let message = posture::text::printable(&error.to_string());
            let _ = writeln!(std::io::stderr().lock(), "error: {message}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

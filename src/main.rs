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
            eprintln!("error: {}", posture::text::printable(&error.to_string()));
            ExitCode::from(BAD_INPUT)
        }
    }
}

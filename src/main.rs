//! The `posture` binary: parse the command line, run, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser as _;

/// Exit status for usage errors and bad input.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    use std::io::Write as _;
    let cli = match posture::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version: posture's own text.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            // Usage errors quote the arguments given: neutralised like everything printed.
            let message = posture::text::printable(&error.render().to_string());
            let _ = write!(std::io::stderr().lock(), "{message}");
            return ExitCode::from(BAD_INPUT);
        }
    };
    match posture::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            let message = posture::text::printable(&error.render(posture::cli::screen_width()));
            let _ = writeln!(std::io::stderr().lock(), "error: {message}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

//! What the CLI prints: stdout that ends quietly when the reader goes away (`kris list | head -1`),
//! and clap's usage errors as one Swedish line.

use std::io::Write;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Prints a line to stdout; see [`Stdout`].
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::output::Stdout, $($arg)*);
    }};
}

/// Standard output for the CLI. A reader that closes the pipe early has all it wanted: the process
/// ends with success instead of a panic. Any other write error (a full disk behind `>`) is one
/// line on stderr and a failure exit, since the output is incomplete.
pub struct Stdout;

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = std::io::stdout().lock().write(buf);
        Self::settle(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Self::settle(std::io::stdout().lock().flush())
    }
}

impl Stdout {
    fn settle<T>(r: std::io::Result<T>) -> std::io::Result<T> {
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
            Err(e) => {
                eprintln!(
                    "kris: utskriften kunde inte skrivas: {}",
                    krisledning::error::io_reason(&e)
                );
                std::process::exit(1)
            }
            ok => ok,
        }
    }
}

/// A message as one printable line of reasonable length: a value echoed from the command line
/// (an id full of terminal escapes, 100 kB of text) must neither drive the terminal nor flood it.
pub fn one_line(message: &str) -> String {
    const MAX: usize = 1_000;
    let mut out: String = message
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .take(MAX)
        .collect();
    if message.chars().count() > MAX {
        out.push('…');
    }
    out
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// clap's help and version go to stdout as usual; every usage error becomes one Swedish line on
/// stderr with exit code 2, as the README promises.
pub fn usage_error(e: clap::Error) -> ExitCode {
    use ErrorKind as K;
    if matches!(e.kind(), K::DisplayHelp | K::DisplayVersion) {
        let _ = write!(Stdout, "{e}");
        return ExitCode::SUCCESS;
    }
    if e.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand {
        eprint!("{e}");
        return ExitCode::from(2);
    }
    let arg = context(&e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(&e, ContextKind::InvalidValue).unwrap_or_default();
    let line = match e.kind() {
        K::MissingRequiredArgument => format!("saknar obligatoriskt argument: {arg}"),
        K::UnknownArgument => format!("okänt argument: {arg}"),
        K::InvalidSubcommand => format!(
            "okänt kommando: {}",
            context(&e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        K::MissingSubcommand => "ange ett underkommando".to_string(),
        K::InvalidValue | K::ValueValidation => {
            let valid = context(&e, ContextKind::ValidValue)
                .map(|v| format!(" (möjliga: {v})"))
                .unwrap_or_default();
            format!("ogiltigt värde \"{value}\" för {arg}{valid}")
        }
        K::ArgumentConflict => {
            let other = context(&e, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} kan inte kombineras med {other}")
        }
        K::TooManyValues | K::WrongNumberOfValues | K::TooFewValues => {
            format!("fel antal värden för {arg}")
        }
        K::NoEquals => format!("{arg} behöver ett värde (skriv {arg}=VÄRDE)"),
        K::InvalidUtf8 => "ett argument är inte giltig text (UTF-8)".to_string(),
        _ => e
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_string(),
    };
    eprintln!("kris: {}. Se `kris --help`.", one_line(&line));
    ExitCode::from(2)
}

//! `wasmite`: the command-line interface of the wasmite WebAssembly interpreter.
//!
//! Subcommands: `run` (a WASI command's `_start`, or any export), `wast`
//! (run `.wast` scripts), `validate` and `inspect` (imports, exports, IR).
//! Every error is one line on stderr starting with `error: `, and exit code
//! 1, or 134 for a trap under `run` (see `run.rs`); an error that ended Wasm
//! code is followed by its `wasm backtrace:` section, as wasmtime prints it.
//! Errors in the command line itself are clap's (exit code 2).

#![forbid(unsafe_code)]

mod inspect;
mod load;
mod run;
mod values;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use wasmite::Engine;

use crate::run::RunArgs;

/// A WebAssembly interpreter.
#[derive(Parser, Debug)]
#[command(name = "wasmite", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a module (`.wasm` or `.wat`) with WASI preview1: call `_start`,
    /// or the export named by `--invoke`.
    Run(RunArgs),
    /// Run `.wast` scripts and report passed and failed assertions per file.
    Wast {
        /// The scripts.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Check that a module decodes and validates.
    Validate {
        /// The module (`.wasm` or `.wat`).
        file: PathBuf,
    },
    /// Print a module's imports and exports, or with `--ir` the IR of its functions.
    Inspect(InspectArgs),
}

#[derive(Args, Debug)]
struct InspectArgs {
    /// Print the IR of the functions instead of the imports and exports.
    #[arg(long)]
    ir: bool,
    /// The module (`.wasm` or `.wat`).
    file: PathBuf,
    /// With `--ir`: only this function, by index or export name.
    #[arg(value_name = "FUNC", requires = "ir")]
    func: Option<String>,
}

/// A failed command: the message for the `error: ` line, the Wasm call
/// stack to print under it (if the error ended Wasm code), and the exit code.
struct Failure {
    message: String,
    backtrace: Option<String>,
    code: u8,
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure { message, backtrace: None, code: 1 }
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        message.to_string().into()
    }
}

/// `print!` that ends the process quietly when stdout is a closed pipe
/// (`wasmite inspect --ir m.wasm | head`), instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::write_stdout(format_args!($($arg)*))
    };
}
pub(crate) use out;

fn write_stdout(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to stdout: {e}");
        std::process::exit(1);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli.command) {
        Ok(code) => code,
        Err(Failure { message, backtrace, code }) => {
            eprintln!("error: {}", one_line(&message));
            if let Some(backtrace) = backtrace {
                eprintln!("{backtrace}");
            }
            ExitCode::from(code)
        }
    }
}

/// Collapse a possibly multi-line message onto one line.
fn one_line(message: &str) -> String {
    let parts: Vec<&str> = message.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    parts.join(" ")
}

fn dispatch(command: Command) -> Result<ExitCode, Failure> {
    let engine = Engine::default();
    match command {
        Command::Run(args) => run::run(&args),
        Command::Wast { files } => Ok(wast(&files)),
        Command::Validate { file } => {
            load::module(&engine, &file)?;
            out!("{}: valid\n", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Inspect(args) => {
            let module = load::module(&engine, &args.file)?;
            if args.ir {
                inspect::ir(&module, args.func.as_deref())?;
            } else {
                inspect::interface(&module);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn wast(files: &[PathBuf]) -> ExitCode {
    let config = wasmite_wast::RunConfig::default();
    let mut ok = true;
    for file in files {
        let name = file.display().to_string();
        let source = match read_text(file) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {}", one_line(&e));
                ok = false;
                continue;
            }
        };
        let report = wasmite_wast::run_wast(&name, &source, &config);
        out!("{}", report.failure_lines());
        out!("{report}\n");
        ok &= report.is_ok();
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = load::read(path)?;
    String::from_utf8(bytes).map_err(|_| format!("`{}` is not UTF-8 text", path.display()))
}

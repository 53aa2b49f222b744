//! `wasmite`: the command-line interface of the wasmite WebAssembly interpreter.
//!
//! Subcommands: `run` (call `_start` or an export), `wast` (run `.wast`
//! scripts), `validate` and `inspect` (imports, exports, IR). Every error is
//! one line on stderr starting with `error: ` and exit code 1; argument
//! errors are clap's (exit code 2).

#![forbid(unsafe_code)]

mod inspect;
mod load;
mod values;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use wasmite::{Engine, Linker, Store, Val};

/// A WebAssembly interpreter.
#[derive(Parser, Debug)]
#[command(name = "wasmite", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a module (`.wasm` or `.wat`): call `_start`, or the export named by `--invoke`.
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
struct RunArgs {
    /// Call this exported function instead of `_start`.
    #[arg(long, value_name = "NAME")]
    invoke: Option<String>,
    /// The module (`.wasm` or `.wat`).
    file: PathBuf,
    /// Arguments of the invoked function, parsed by its parameter types
    /// (integers in decimal or `0x` hex, floats also `nan` and `inf`).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
    args: Vec<String>,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli.command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {}", one_line(&message));
            ExitCode::FAILURE
        }
    }
}

/// Collapse a possibly multi-line message onto one line.
fn one_line(message: &str) -> String {
    let parts: Vec<&str> = message.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    parts.join(" ")
}

fn dispatch(command: Command) -> Result<ExitCode, String> {
    let engine = Engine::default();
    match command {
        Command::Run(args) => run(&engine, &args),
        Command::Wast { files } => Ok(wast(&files)),
        Command::Validate { file } => {
            load::module(&engine, &file)?;
            println!("{}: valid", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Inspect(args) => {
            let loaded = load::module(&engine, &args.file)?;
            if args.ir {
                inspect::ir(&loaded, args.func.as_deref())?;
            } else {
                inspect::interface(&loaded.module);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run(engine: &Engine, args: &RunArgs) -> Result<ExitCode, String> {
    let loaded = load::module(engine, &args.file)?;
    let mut store = Store::new(engine, ());
    let linker = Linker::new(engine);
    let instance = linker
        .instantiate(&mut store, &loaded.module)
        .map_err(|e| format!("{e} (`wasmite run` provides no imports)"))?;
    let name = args.invoke.as_deref().unwrap_or("_start");
    let func = match instance.get_func(&store, name) {
        Some(f) => f,
        None if args.invoke.is_none() => {
            return Err("module has no `_start` export; use --invoke".into());
        }
        None if instance.get_export(&store, name).is_some() => {
            return Err(format!("export `{name}` is not a function"));
        }
        None => return Err(format!("module has no exported function `{name}`")),
    };
    let ty = func.ty(&store);
    if args.args.len() != ty.params().len() {
        return Err(format!(
            "`{name}` takes {} argument{} {ty}, got {}",
            ty.params().len(),
            if ty.params().len() == 1 { "" } else { "s" },
            args.args.len()
        ));
    }
    let mut params = Vec::with_capacity(args.args.len());
    for (i, (text, t)) in args.args.iter().zip(ty.params()).enumerate() {
        let v = values::parse(text, *t).map_err(|e| format!("argument {}: {e}", i + 1))?;
        params.push(v);
    }
    let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
    func.call(&mut store, &params, &mut results).map_err(|e| e.to_string())?;
    for r in &results {
        println!("{}", values::format(r));
    }
    Ok(ExitCode::SUCCESS)
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
        print!("{}", report.failure_lines());
        println!("{report}");
        ok &= report.is_ok();
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = load::read(path)?;
    String::from_utf8(bytes).map_err(|_| format!("`{}` is not UTF-8 text", path.display()))
}

//! `wasmite run`: instantiate a module with WASI preview1 linked and call
//! its `_start` (a WASI command) or the export named by `--invoke`.
//!
//! The flags follow `wasmtime run` (`--dir HOST[::GUEST]`, `--env KEY=VALUE`,
//! `--invoke`, `--preload NAME=MODULE`, `-W timeout=DURATION`, `-W fuel=N`,
//! `-W max-memory-size=BYTES`, `-W max-wasm-stack=BYTES`, the proposal
//! switches such as `-W tail-call=n`, `-S inherit-env`), so a command line
//! moves between the two unchanged; `--fuel N` is wasmite's older spelling
//! of fuel. How the run ends decides the exit code, as in wasmtime on Unix:
//!
//! | end | exit code |
//! |---|---|
//! | `_start` (or the invoked function) returns | 0 |
//! | `proc_exit(n)`, `n` in `0..126` | `n` |
//! | a trap (also out of fuel, timed out, stack exhausted) | 134, what a shell reports for a native program killed by `SIGABRT` |
//! | anything else (unreadable file, invalid module, missing import, bad argument, `proc_exit(n)` with `n` ≥ 126) | 1 |
//!
//! Codes from 126 up mean "not executable", "not found" and "killed by a
//! signal" to a shell, so a guest may not claim them; wasmtime refuses them
//! the same way.

use crate::out;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use wasmite::{
    Config, Engine, Error, ErrorKind, Func, Instance, Linker, Store, StoreLimits,
    StoreLimitsBuilder, TrapCode, Val, WasmBacktrace,
};
use wasmite_wasi::{DirAccess, I32Exit, WasiCtx};

use crate::{Failure, load, values};

/// Exit code of a run that trapped: 128 + `SIGABRT`, as wasmtime on Unix.
pub(crate) const EXIT_TRAP: u8 = 134;

/// Smallest `proc_exit` code the CLI refuses to pass on (see the module docs).
const EXIT_RESERVED: i32 = 126;

#[derive(Args, Debug)]
pub(crate) struct RunArgs {
    /// Give the guest the host directory HOST_DIR, named GUEST_DIR inside
    /// (default: HOST_DIR as written; `/` works). Repeatable. Without it
    /// the guest has no filesystem access.
    #[arg(long = "dir", value_name = "HOST_DIR[::GUEST_DIR]", value_parser = parse_dir)]
    dirs: Vec<Preopen>,
    /// Set the guest's environment variable KEY to VALUE, or with only KEY
    /// to the host's value (skipped if unset). Repeatable. The guest sees no
    /// other variables.
    #[arg(long = "env", value_name = "KEY[=VALUE]", value_parser = parse_env)]
    envs: Vec<EnvVar>,
    /// Call this exported function instead of `_start`; ARGS are its
    /// arguments, parsed by its parameter types, and each result is printed
    /// on its own line.
    #[arg(long, value_name = "NAME")]
    invoke: Option<String>,
    /// Meter execution: the run may use N units of fuel (one per Wasm
    /// instruction, charged per basic block) and traps when they run out.
    #[arg(long, value_name = "N")]
    fuel: Option<u64>,
    /// A wasmtime `-W` option (repeatable, or several separated by commas):
    /// `timeout=DURATION` stops the run with a trap once DURATION has
    /// passed (`2s`, `500ms`, `100us`, `10ns`, or a number of seconds), by
    /// epoch interruption; `fuel=N` is `--fuel N`; `max-memory-size=BYTES`
    /// caps each linear memory (`memory.grow` past it returns -1);
    /// `max-wasm-stack=BYTES` caps the Wasm value stack (default 8 MiB;
    /// deeper recursion traps); `PROPOSAL[=y|n]` turns a proposal on or off
    /// (`tail-call`, `function-references`, `simd`, `relaxed-simd`,
    /// `extended-const`, `multi-memory`, `memory64`, `exceptions`,
    /// `wide-arithmetic`, `custom-page-sizes`; `gc` and `threads` only `=n`).
    #[arg(short = 'W', value_name = "OPT=VALUE", value_parser = parse_wasm_opts)]
    wasm: Vec<WasmOpts>,
    /// A wasmtime `-S` (WASI) option: `inherit-env[=y|n]` gives the guest
    /// every environment variable of the host (`--env` still adds or
    /// overrides).
    #[arg(short = 'S', value_name = "OPT[=VALUE]", value_parser = parse_wasi_opts)]
    wasi: Vec<WasiOpts>,
    /// Instantiate MODULE first (WASI linked) and make its exports
    /// importable under the module name NAME. Repeatable, in order.
    #[arg(long = "preload", value_name = "NAME=MODULE", value_parser = parse_preload)]
    preloads: Vec<Preload>,
    /// The program's `argv[0]` (default: FILE's last component, as
    /// wasmtime does, so no host path leaks into the guest).
    #[arg(long, value_name = "NAME")]
    argv0: Option<String>,
    /// The module (`.wasm` or `.wat`).
    file: PathBuf,
    /// Arguments for the program (its argv after FILE), or with `--invoke`
    /// for the function (integers in decimal or `0x` hex, floats also `nan`
    /// and `inf`).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
    args: Vec<String>,
}

/// The options of one `-W`.
#[derive(Clone, Debug)]
struct WasmOpts(Vec<WasmOpt>);

/// A `-W` option.
#[derive(Clone, Debug)]
enum WasmOpt {
    /// `timeout=DURATION`, with the text as given.
    Timeout(Duration, String),
    /// `fuel=N`.
    Fuel(u64),
    /// `max-memory-size=BYTES`.
    MaxMemorySize(usize),
    /// `max-wasm-stack=BYTES`.
    MaxWasmStack(usize),
    /// A proposal switched on or off.
    Proposal(Switch, bool),
}

/// A `Config` method turning a proposal on or off.
type Switch = fn(&mut Config, bool) -> &mut Config;

/// The proposals a `-W NAME=y|n` switches, with wasmtime's names.
const PROPOSALS: &[(&str, Switch)] = &[
    ("tail-call", Config::wasm_tail_call),
    ("function-references", Config::wasm_function_references),
    ("simd", Config::wasm_simd),
    ("relaxed-simd", Config::wasm_relaxed_simd),
    ("extended-const", Config::wasm_extended_const),
    ("multi-memory", Config::wasm_multi_memory),
    ("memory64", Config::wasm_memory64),
    ("wide-arithmetic", Config::wasm_wide_arithmetic),
    ("custom-page-sizes", Config::wasm_custom_page_sizes),
    ("exceptions", Config::wasm_exceptions),
    ("gc", Config::wasm_gc),
];

/// wasmtime proposal switches wasmite accepts only as "off".
const NOT_IMPLEMENTED: &[&str] = &["threads", "component-model"];

/// A wasmtime boolean: empty (the bare flag), `y`/`yes`/`true` or
/// `n`/`no`/`false`.
fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "" | "y" | "yes" | "true" => Some(true),
        "n" | "no" | "false" => Some(false),
        _ => None,
    }
}

/// A size in bytes: a number, or with a `K`/`M`/`G` (binary) suffix, as
/// wasmtime reads one.
fn parse_bytes(value: &str) -> Option<usize> {
    let v = value.replace('_', "");
    let (num, shift) = match v.char_indices().last()? {
        (i, 'k' | 'K') => (&v[..i], 10),
        (i, 'm' | 'M') => (&v[..i], 20),
        (i, 'g' | 'G') => (&v[..i], 30),
        _ => (&v[..], 0),
    };
    num.parse::<usize>().ok()?.checked_mul(1 << shift)
}

fn parse_wasm_opts(spec: &str) -> Result<WasmOpts, String> {
    spec.split(',').map(parse_wasm_opt).collect::<Result<_, _>>().map(WasmOpts)
}

fn parse_wasm_opt(opt: &str) -> Result<WasmOpt, String> {
    let (key, value) = opt.split_once('=').unwrap_or((opt, ""));
    match key {
        "timeout" => match parse_duration(value) {
            Some(d) => Ok(WasmOpt::Timeout(d, value.to_string())),
            None => Err(format!("`{value}` is not a duration (e.g. 2s, 500ms, 3)")),
        },
        "fuel" => match value.replace('_', "").parse() {
            Ok(n) => Ok(WasmOpt::Fuel(n)),
            Err(_) => Err(format!("`{value}` is not an amount of fuel")),
        },
        "max-memory-size" | "max-wasm-stack" => {
            let Some(n) = parse_bytes(value) else {
                return Err(format!("`{value}` is not a size in bytes (e.g. 65536, 64K, 4M)"));
            };
            Ok(if key == "max-memory-size" {
                WasmOpt::MaxMemorySize(n)
            } else {
                WasmOpt::MaxWasmStack(n)
            })
        }
        _ => {
            let on = parse_bool(value).ok_or_else(|| format!("`{value}` is not y or n"));
            if let Some(&(_, set)) = PROPOSALS.iter().find(|(name, _)| *name == key) {
                return Ok(WasmOpt::Proposal(set, on?));
            }
            if NOT_IMPLEMENTED.contains(&key) {
                return match on? {
                    false => Ok(WasmOpt::Proposal(|c, _| c, false)),
                    true => Err(format!("wasmite does not implement the `{key}` proposal")),
                };
            }
            let names: Vec<&str> = PROPOSALS.iter().map(|(n, _)| *n).collect();
            Err(format!(
                "`{key}` is not a -W option wasmite has (it has timeout, fuel, max-memory-size, \
                 max-wasm-stack and the proposals {})",
                names.join(", ")
            ))
        }
    }
}

/// The options of one `-S`.
#[derive(Clone, Debug)]
struct WasiOpts {
    /// `inherit-env`, if given.
    inherit_env: Option<bool>,
}

fn parse_wasi_opts(spec: &str) -> Result<WasiOpts, String> {
    let mut opts = WasiOpts { inherit_env: None };
    for opt in spec.split(',') {
        let (key, value) = opt.split_once('=').unwrap_or((opt, ""));
        match key {
            "inherit-env" => {
                opts.inherit_env =
                    Some(parse_bool(value).ok_or_else(|| format!("`{value}` is not y or n"))?);
            }
            _ => {
                return Err(format!("`{key}` is not a -S option wasmite has (it has inherit-env)"));
            }
        }
    }
    Ok(opts)
}

/// A `--preload` value.
#[derive(Clone, Debug)]
struct Preload {
    name: String,
    file: PathBuf,
}

fn parse_preload(spec: &str) -> Result<Preload, String> {
    match spec.split_once('=') {
        Some((name, file)) if !name.is_empty() && !file.is_empty() => {
            Ok(Preload { name: name.into(), file: file.into() })
        }
        _ => Err("expected NAME=MODULE".into()),
    }
}

/// A duration as wasmtime reads one: seconds, or a number with a unit of
/// `s`, `ms`, `us` (`μs`) or `ns`.
fn parse_duration(text: &str) -> Option<Duration> {
    let num = |s: &str| s.replace('_', "").parse::<u64>().ok();
    if let Some(n) = num(text) {
        return Some(Duration::from_secs(n));
    }
    type Unit = (&'static str, fn(u64) -> Duration);
    let units: [Unit; 5] = [
        ("ms", Duration::from_millis),
        ("us", Duration::from_micros),
        ("μs", Duration::from_micros),
        ("ns", Duration::from_nanos),
        ("s", Duration::from_secs),
    ];
    units.iter().find_map(|(unit, make)| num(text.strip_suffix(unit)?).map(make))
}

/// How a run is bounded: fuel and a timeout, with the flag that asked for
/// each (for the message when it runs out).
struct Bounds {
    fuel: Option<(u64, String)>,
    timeout: Option<(Duration, String)>,
}

impl Bounds {
    fn of(args: &RunArgs) -> Result<Bounds, Failure> {
        let mut b = Bounds { fuel: args.fuel.map(|n| (n, format!("--fuel {n}"))), timeout: None };
        for opt in args.wasm.iter().flat_map(|w| &w.0) {
            match opt {
                WasmOpt::Fuel(_) if args.fuel.is_some() => {
                    return Err("--fuel and -W fuel= both given".into());
                }
                WasmOpt::Fuel(n) => b.fuel = Some((*n, format!("-W fuel={n}"))),
                WasmOpt::Timeout(d, text) => b.timeout = Some((*d, format!("-W timeout={text}"))),
                WasmOpt::MaxMemorySize(_) | WasmOpt::MaxWasmStack(_) | WasmOpt::Proposal(..) => {}
            }
        }
        Ok(b)
    }
}

/// A `--dir` value.
#[derive(Clone, Debug)]
struct Preopen {
    host: PathBuf,
    guest: String,
}

/// A `--env` value: a value of `None` means the host's.
#[derive(Clone, Debug)]
struct EnvVar {
    key: String,
    value: Option<String>,
}

fn parse_dir(spec: &str) -> Result<Preopen, String> {
    let (host, guest) = spec.split_once("::").unwrap_or((spec, spec));
    if host.is_empty() {
        return Err("the host directory is empty".into());
    }
    if guest.is_empty() {
        return Err("the guest directory name after `::` is empty".into());
    }
    Ok(Preopen { host: host.into(), guest: guest.into() })
}

fn parse_env(spec: &str) -> Result<EnvVar, String> {
    let (key, value) = match spec.split_once('=') {
        Some((k, v)) => (k, Some(v.to_string())),
        None => (spec, None),
    };
    if key.is_empty() {
        return Err("the variable name is empty (expected KEY=VALUE)".into());
    }
    if key.contains('\0') || value.as_deref().is_some_and(|v| v.contains('\0')) {
        return Err("NUL bytes are not allowed".into());
    }
    Ok(EnvVar { key: key.into(), value })
}

/// The store's data: the WASI context and the limits `-W` set.
struct Host {
    wasi: WasiCtx,
    limits: StoreLimits,
}

/// Run the module as `args` says; see the module docs for the exit codes.
pub(crate) fn run(args: &RunArgs) -> Result<ExitCode, Failure> {
    let bounds = Bounds::of(args)?;
    let mut config = Config::new();
    config.consume_fuel(bounds.fuel.is_some()).epoch_interruption(bounds.timeout.is_some());
    let mut limits = StoreLimitsBuilder::new();
    for opt in args.wasm.iter().flat_map(|w| &w.0) {
        match *opt {
            WasmOpt::MaxMemorySize(n) => limits = limits.memory_size(n),
            WasmOpt::MaxWasmStack(n) => _ = config.max_wasm_stack(n),
            WasmOpt::Proposal(set, on) => _ = set(&mut config, on),
            WasmOpt::Timeout(..) | WasmOpt::Fuel(_) => {}
        }
    }
    let engine = Engine::new(&config).map_err(|e| e.to_string())?;
    let module = load::module(&engine, &args.file)?;
    let host = Host { wasi: wasi_ctx(args)?, limits: limits.build() };
    let mut store = Store::new(&engine, host);
    store.limiter(|h| &mut h.limits);
    if let Some((fuel, _)) = bounds.fuel {
        store.set_fuel(fuel).map_err(|e| e.to_string())?;
    }
    if let Some((timeout, _)) = bounds.timeout {
        // As wasmtime: the deadline is the next tick, which a thread gives
        // once the time is up (the guest stops at its next function entry
        // or loop header; a host call it is blocked in runs to its end).
        store.set_epoch_deadline(1);
        let engine = engine.clone();
        std::thread::spawn(move || {
            std::thread::sleep(timeout);
            engine.increment_epoch();
        });
    }
    let mut linker = Linker::new(&engine);
    wasmite_wasi::add_to_linker(&mut linker, |h: &mut Host| &mut h.wasi)
        .map_err(|e| e.to_string())?;
    for Preload { name, file } in &args.preloads {
        let m = load::module(&engine, file)?;
        let instance = match linker.instantiate(&mut store, &m) {
            Ok(i) => i,
            Err(e) if e.kind() == ErrorKind::Trap => return exit_of(&e, &bounds),
            Err(e) => return Err(format!("--preload {name}: {e}").into()),
        };
        // A reactor initialises itself, as `wasmtime run --preload` does.
        if let Some(init) = instance.get_func(&store, "_initialize")
            && let Err(e) = init.call(&mut store, &[], &mut [])
        {
            return exit_of(&e, &bounds);
        }
        linker
            .instance(&mut store, name, instance)
            .map_err(|e| format!("--preload {name}: {e}"))?;
    }
    let ended = match linker.instantiate(&mut store, &module) {
        Ok(instance) => call(&mut store, instance, args),
        Err(e) if e.kind() == ErrorKind::Link => {
            return Err(format!(
                "{e} (`wasmite run` provides WASI preview1 and the `--preload`ed modules' exports)"
            )
            .into());
        }
        Err(e) => Err(e.into()),
    };
    match ended {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(Ended::Failure(f)) => Err(f),
        Err(Ended::Wasm(e)) => exit_of(&e, &bounds),
    }
}

/// Why a call did not return normally.
enum Ended {
    /// The guest trapped, exited or a host function failed.
    Wasm(Error),
    /// The command line asked for something the module does not have.
    Failure(Failure),
}

impl From<Error> for Ended {
    fn from(e: Error) -> Self {
        Ended::Wasm(e)
    }
}

impl From<String> for Ended {
    fn from(message: String) -> Self {
        Ended::Failure(message.into())
    }
}

/// The WASI context: argv is `--argv0` or FILE's last component, then ARGS;
/// stdio is the process's.
fn wasi_ctx(args: &RunArgs) -> Result<WasiCtx, Failure> {
    let mut b = WasiCtx::builder();
    b.inherit_stdio();
    let argv0 = match &args.argv0 {
        Some(name) => name.clone(),
        None => match args.file.components().next_back() {
            Some(last) => last.as_os_str().to_string_lossy().into_owned(),
            None => String::new(),
        },
    };
    b.arg(argv0).args(args.args.iter().cloned());
    // `-S inherit-env`: the host's variables (those that are UTF-8, with a
    // name and without NUL), then `--env` adds or overrides.
    let mut env: Vec<(String, String)> = Vec::new();
    if args.wasi.iter().filter_map(|o| o.inherit_env).next_back() == Some(true) {
        env.extend(std::env::vars_os().filter_map(|(k, v)| {
            let (k, v) = (k.into_string().ok()?, v.into_string().ok()?);
            (!k.is_empty() && !k.contains(['=', '\0']) && !v.contains('\0')).then_some((k, v))
        }));
    }
    for EnvVar { key, value } in &args.envs {
        let value = match value {
            Some(v) => v.clone(),
            None => match std::env::var(key) {
                Ok(v) if !v.contains('\0') => v,
                _ => continue,
            },
        };
        env.retain(|(k, _)| k != key);
        env.push((key.clone(), value));
    }
    for (key, value) in &env {
        // `parse_env` and the filter above ruled out everything `env` panics on.
        b.env(key, value);
    }
    for Preopen { host, guest } in &args.dirs {
        b.preopened_dir(host, guest.as_str(), DirAccess::ReadWrite).map_err(|e| {
            format!("--dir {}: cannot open `{}` as a directory: {e}", guest, host.display())
        })?;
    }
    Ok(b.build())
}

/// Call `_start`, or the `--invoke` export with the arguments parsed and
/// its results printed.
fn call(store: &mut Store<Host>, instance: Instance, args: &RunArgs) -> Result<(), Ended> {
    let Some(name) = args.invoke.as_deref() else {
        let Some(start) = instance.get_func(&*store, "_start") else {
            return Err("module has no `_start` export; use --invoke".to_string().into());
        };
        let ty = start.ty(&*store);
        if !ty.params().is_empty() || !ty.results().is_empty() {
            return Err(format!(
                "`_start` has type {ty}; a WASI command's takes and returns nothing"
            )
            .into());
        }
        return Ok(start.call(&mut *store, &[], &mut [])?);
    };
    let func = export_func(store, instance, name)?;
    let ty = func.ty(&*store);
    if args.args.len() != ty.params().len() {
        return Err(format!(
            "`{name}` takes {} argument{} {ty}, got {}",
            ty.params().len(),
            if ty.params().len() == 1 { "" } else { "s" },
            args.args.len()
        )
        .into());
    }
    let mut params = Vec::with_capacity(args.args.len());
    for (i, (text, t)) in args.args.iter().zip(ty.params()).enumerate() {
        params.push(values::parse(text, *t).map_err(|e| format!("argument {}: {e}", i + 1))?);
    }
    // A WASI reactor initialises itself before any other export is called.
    if name != "_initialize"
        && let Some(init) = instance.get_func(&*store, "_initialize")
    {
        init.call(&mut *store, &[], &mut [])?;
    }
    let mut results: Vec<Val> = vec![Val::I32(0); ty.results().len()];
    func.call(&mut *store, &params, &mut results)?;
    for r in &results {
        out!("{}\n", values::format(r));
    }
    Ok(())
}

fn export_func(store: &Store<Host>, instance: Instance, name: &str) -> Result<Func, String> {
    match instance.get_func(store, name) {
        Some(f) => Ok(f),
        None if instance.get_export(store, name).is_some() => {
            Err(format!("export `{name}` is not a function"))
        }
        None => Err(format!("module has no exported function `{name}`")),
    }
}

/// How a run that ended with an error exits: `proc_exit`'s code, or one
/// error line and the code of its kind.
fn exit_of(e: &Error, bounds: &Bounds) -> Result<ExitCode, Failure> {
    if let Some(&I32Exit(code)) = e.downcast_ref::<I32Exit>() {
        return match u8::try_from(code) {
            Ok(c) if code < EXIT_RESERVED => Ok(ExitCode::from(c)),
            _ => Err(format!(
                "the program exited with status {code}, outside the range [0, {EXIT_RESERVED}) \
                 a WASI program may use"
            )
            .into()),
        };
    }
    let backtrace = e.downcast_ref::<WasmBacktrace>().and_then(shown);
    if e.kind() != ErrorKind::Trap {
        return Err(Failure { message: e.to_string(), backtrace, code: 1 });
    }
    let mut message = e.to_string();
    match (e.trap_code(), &bounds.fuel, &bounds.timeout) {
        (Some(TrapCode::OutOfFuel), Some((_, flag)), _) => message += &format!(" ({flag})"),
        (Some(TrapCode::Interrupt), _, Some((_, flag))) => {
            message += &format!(" (timed out: {flag})");
        }
        _ => {}
    }
    Err(Failure { message, backtrace, code: EXIT_TRAP })
}

/// Most frames of a backtrace printed: a deep one (a stack overflow has
/// 100,000) shows its innermost and outermost halves.
const SHOWN_FRAMES: usize = 100;

/// The `wasm backtrace:` section printed under an error, if there are frames.
fn shown(backtrace: &WasmBacktrace) -> Option<String> {
    let n = backtrace.frames().len();
    if n == 0 {
        return None;
    }
    let text = backtrace.to_string();
    if n <= SHOWN_FRAMES {
        return Some(text);
    }
    // The header, the innermost frames, a line for those left out, the outermost.
    let lines: Vec<&str> = text.lines().collect();
    let half = SHOWN_FRAMES / 2;
    let mut out = lines[..=half].join("\n");
    out += &format!("\n      ... {} frames not shown ...\n", n - SHOWN_FRAMES);
    out += &lines[lines.len() - half..].join("\n");
    Some(out)
}

//! The directive interpreter: parses a script with the `wast` crate and runs
//! each directive against one store, counting passes and failures.
//!
//! Every handler returns `Result<(), String>`: `Err` is the failure message.
//! Wasm-level outcomes (`wasmite::Result`) are kept apart from runner-level
//! problems (an unknown export, an unsupported value) so that an assertion
//! can only be satisfied by the phase it names.

use std::collections::HashMap;

use wasmite::{Engine, Error, ErrorKind, Instance, Linker, Module, Store, Val};
use wast::core::ModuleKind;
use wast::lexer::Lexer;
use wast::parser::{self, ParseBuffer};
use wast::token::{Id, Span};
use wast::{QuoteWat, Wast, WastDirective, WastExecute, WastInvoke, WastRet, Wat};

use crate::values;
use crate::{Failure, Report, RunConfig};

/// Binary `assert_malformed` cases whose malformation wasmparser only detects
/// during validation, so wasmite reports them as [`ErrorKind::Invalid`]. Each
/// entry is `(expected message in the script, text of our error)`; a binary
/// malformed module rejected as invalid passes only if it matches an entry.
///
/// Empty: wasmite classifies every binary malformation of the wasm-v1 and
/// wasm-v2 suites as [`ErrorKind::Malformed`].
const MALFORMED_DETECTED_BY_VALIDATOR: &[(&str, &str)] = &[];

/// Messages of `assert_invalid` and binary `assert_malformed` where
/// wasmparser (whose errors wasmite reports) words the failure differently
/// from the spec interpreter: `(spec's message, part of ours)`. An error
/// passes if its message contains the spec's message, or the listed part
/// for that message. Each entry says why the wording differs.
const MESSAGE_EQUIVALENTS: &[(&str, &str)] = &[
    // The same condition, other words.
    ("invalid UTF-8 encoding", "malformed UTF-8 encoding"),
    // The reference interpreter's detailed type mismatches.
    (
        "type mismatch: instruction requires [i32] but stack has []",
        "type mismatch: expected i32 but nothing on stack",
    ),
    (
        "type mismatch: instruction requires [i32] but stack has [i64]",
        "type mismatch: expected i32, found i64",
    ),
    (
        "memory size must be at most 65536 pages (4GiB)",
        "memory size must be at most 0x10000 65536-byte pages",
    ),
    ("malformed mutability", "malformed global flags"),
    ("invalid mutability", "malformed global flags"),
    ("malformed memop flags", "malformed memop: reserved flags bits set"),
    ("invalid section id", "malformed section id"),
    ("malformed import kind", "for external kind"),
    ("malformed limits flags", "invalid table resizable limits flags"),
    ("malformed limits flags", "invalid memory limits flags"),
    ("immutable global", "global is immutable"),
    // wasmparser's wording for GC writes to immutable fields and arrays.
    ("immutable field", "struct field is immutable"),
    ("immutable array", "array is immutable"),
    // wasm-v1's name for what later versions call "malformed mutability".
    ("invalid mutability", "malformed mutability"),
    ("illegal opcode ff", "illegal opcode: 0xff"),
    // wasmparser's wording for a SIMD lane immediate out of range.
    ("invalid lane index", "SIMD index out of bounds"),
    (
        "function and code section have inconsistent lengths",
        "function section is absent but code section has non-zero count",
    ),
    (
        "function and code section have inconsistent lengths",
        "function section has non-zero count but code section is absent",
    ),
    (
        "data count and data section have inconsistent lengths",
        "data count is non-zero but data section is absent",
    ),
    // A section or body that ends early: the spec interpreter reports the
    // item it was reading (a length, a LEB, an import kind, an opcode, a
    // value type), wasmparser that the input ran out.
    ("unexpected end of section or function", "unexpected end-of-file"),
    ("length out of bounds", "unexpected end-of-file"),
    ("integer representation too long", "unexpected end-of-file"),
    ("integer too large", "unexpected end-of-file"),
    ("malformed import kind", "unexpected end-of-file"),
    ("invalid value type", "unexpected end-of-file"),
    ("illegal opcode", "unexpected end-of-file"),
    // A function body whose `end` is missing or comes early: the spec
    // interpreter checks the section's size or the `end`, wasmparser the
    // control frames still open at the end of the body.
    ("unexpected end of section or function", "control frames remain at end of function body"),
    ("unexpected end", "control frames remain at end of function body"),
    ("section size mismatch", "control frames remain at end of function body"),
    ("END opcode expected", "control frames remain at end of function body"),
    // A length that runs past its section: wasmparser goes on reading the
    // bytes after it as the next section.
    ("length out of bounds", "expected section, got wasm magic number"),
    ("unexpected content after last section", "section out of order"),
    (
        "unexpected content after last section",
        "function and code section have inconsistent lengths",
    ),
    // An over-long or too large LEB in a limits or type byte: wasmparser
    // reads the first byte as a flags or type byte, and rejects its value
    // before reading on.
    ("integer representation too long", "invalid memory limits flags"),
    ("integer representation too long", "invalid table resizable limits flags"),
    ("integer representation too long", "invalid leading byte (0xe0) for type"),
    ("integer too large", "invalid memory limits flags"),
    ("integer too large", "invalid table resizable limits flags"),
];

/// Text `assert_malformed` cases that the `wast` crate parses although the
/// spec's text format rejects them: the expected message, and what our
/// decoder says of the binary `wast` makes of it (empty: anything). Such
/// text passes only if it is listed here and its binary then fails to
/// decode ([`ErrorKind::Malformed`]).
const TEXT_MALFORMED_ACCEPTED_BY_WAST: &[(&str, &str)] = &[
    // Memarg offsets and memory/table limits of 2^32 and more: `wast` parses
    // them as 64-bit (memory64 / table64) and encodes an over-long u32 LEB.
    ("i32 constant", ""),
    // Two `(start)` fields: `wast` encodes two start sections.
    ("multiple start sections", ""),
    // The legacy exception instructions (`catch`, `catch_all` after a
    // `try_table`): not in 3.0's text format, but `wast` knows the legacy
    // proposal's.
    ("unexpected token", "legacy_exceptions feature required"),
];

/// Run the `.wast` script `source` (named `name` in the report).
///
/// Never panics on any input: a script that does not parse is one failure at
/// the parse error's position; every directive is one pass or failure.
pub fn run_wast(name: &str, source: &str, config: &RunConfig) -> Report {
    let mut report = Report { name: name.to_string(), ..Report::default() };
    let fail_at = |report: &mut Report, span: Span, directive: &'static str, message: String| {
        let (line, col) = span.linecol_in(source);
        report.failures.push(Failure { line: line + 1, col: col + 1, directive, message });
        report.failed += 1;
    };

    let mut lexer = Lexer::new(source);
    lexer.allow_confusing_unicode(true);
    let buf = match ParseBuffer::new_with_lexer(lexer) {
        Ok(buf) => buf,
        Err(e) => {
            fail_at(&mut report, e.span(), "script", format!("syntax error: {}", e.message()));
            return report;
        }
    };
    let wast = match parser::parse::<Wast<'_>>(&buf) {
        Ok(w) => w,
        Err(e) => {
            fail_at(&mut report, e.span(), "script", format!("syntax error: {}", e.message()));
            return report;
        }
    };

    let mut runner = match Runner::new(config) {
        Ok(r) => r,
        Err(e) => {
            fail_at(&mut report, Span::from_offset(0), "spectest", format!("setup failed: {e}"));
            return report;
        }
    };
    for directive in wast.directives {
        let span = directive.span();
        let kind = directive_name(&directive);
        match runner.run(directive) {
            Ok(()) => report.passed += 1,
            Err(message) => fail_at(&mut report, span, kind, message),
        }
    }
    report.calls = runner.calls;
    report.suspended_calls = runner.suspended_calls;
    report.suspensions = runner.suspensions;
    report
}

fn directive_name(d: &WastDirective<'_>) -> &'static str {
    match d {
        WastDirective::Module(_) => "module",
        WastDirective::ModuleDefinition(_) => "module definition",
        WastDirective::ModuleInstance { .. } => "module instance",
        WastDirective::AssertMalformed { .. } => "assert_malformed",
        WastDirective::AssertInvalid { .. } => "assert_invalid",
        WastDirective::AssertInvalidCustom { .. } => "assert_invalid_custom",
        WastDirective::Register { .. } => "register",
        WastDirective::Invoke(_) => "invoke",
        WastDirective::AssertTrap { .. } => "assert_trap",
        WastDirective::AssertReturn { .. } => "assert_return",
        WastDirective::AssertExhaustion { .. } => "assert_exhaustion",
        WastDirective::AssertUnlinkable { .. } => "assert_unlinkable",
        WastDirective::AssertException { .. } => "assert_exception",
        WastDirective::AssertSuspension { .. } => "assert_suspension",
        WastDirective::Thread(_) => "thread",
        WastDirective::Wait { .. } => "wait",
        WastDirective::AssertMalformedCustom { .. } => "assert_malformed_custom",
    }
}

/// The state of one script run.
struct Runner {
    engine: Engine,
    store: Store<()>,
    linker: Linker<()>,
    /// The most recently instantiated module (`None` after a failed one).
    current: Option<Instance>,
    /// Instances by `$name`.
    instances: HashMap<String, Instance>,
    /// Modules from `module definition`, by `$name`.
    definitions: HashMap<String, Module>,
    /// The most recent `module definition`.
    last_definition: Option<Module>,
    /// See [`RunConfig::fuel_slice`].
    fuel_slice: Option<u64>,
    /// See [`Report::calls`], [`Report::suspended_calls`] and [`Report::suspensions`].
    calls: usize,
    suspended_calls: usize,
    suspensions: usize,
}

/// The outcome of a Wasm operation, or `Err` if the runner could not even
/// attempt it (unknown export, unsupported argument, …).
type Exec<T> = Result<wasmite::Result<T>, String>;

impl Runner {
    fn new(config: &RunConfig) -> wasmite::Result<Self> {
        let fuel_slice = config.fuel_slice;
        let engine = Engine::new(&config.engine)?;
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        linker.allow_shadowing(true);
        crate::spectest::define(&mut store, &mut linker)?;
        Ok(Runner {
            engine,
            store,
            linker,
            current: None,
            instances: HashMap::new(),
            definitions: HashMap::new(),
            last_definition: None,
            fuel_slice,
            calls: 0,
            suspended_calls: 0,
            suspensions: 0,
        })
    }

    fn run(&mut self, directive: WastDirective<'_>) -> Result<(), String> {
        match directive {
            WastDirective::Module(mut module) => {
                let name = module.name().map(|id| id.name().to_string());
                self.current = None;
                let m = self.compile(&mut module)?;
                let inst = self
                    .instantiate(&m)
                    .map_err(|e| format!("instantiation failed: {}", describe(&e)))?;
                self.current = Some(inst);
                if let Some(name) = name {
                    self.instances.insert(name, inst);
                }
                Ok(())
            }
            WastDirective::ModuleDefinition(mut module) => {
                let name = module.name().map(|id| id.name().to_string());
                let m = self.compile(&mut module)?;
                if let Some(name) = name {
                    self.definitions.insert(name, m.clone());
                }
                self.last_definition = Some(m);
                Ok(())
            }
            WastDirective::ModuleInstance { instance, module, .. } => {
                let m = match module {
                    Some(id) => self
                        .definitions
                        .get(id.name())
                        .cloned()
                        .ok_or_else(|| format!("unknown module definition `${}`", id.name()))?,
                    None => {
                        self.last_definition.clone().ok_or("no module definition to instantiate")?
                    }
                };
                self.current = None;
                let inst = self
                    .instantiate(&m)
                    .map_err(|e| format!("instantiation failed: {}", describe(&e)))?;
                self.current = Some(inst);
                if let Some(id) = instance {
                    self.instances.insert(id.name().to_string(), inst);
                }
                Ok(())
            }
            WastDirective::Register { name, module, .. } => {
                let inst = self.instance(module)?;
                self.linker
                    .instance(&self.store, name, inst)
                    .map(drop)
                    .map_err(|e| format!("register failed: {}", describe(&e)))
            }
            WastDirective::Invoke(invoke) => match self.invoke(&invoke)? {
                Ok(_) => Ok(()),
                Err(e) => Err(format!("call failed: {}", describe(&e))),
            },
            WastDirective::AssertReturn { exec, results, .. } => self.assert_return(exec, &results),
            WastDirective::AssertTrap { exec, message, .. } => match self.execute(exec)? {
                Ok(()) => Err(format!("expected trap \"{message}\", but it succeeded")),
                Err(e) => check_trap(&e, message),
            },
            WastDirective::AssertExhaustion { call, message, .. } => match self.invoke(&call)? {
                Ok(_) => Err(format!("expected trap \"{message}\", but it returned")),
                Err(e) => check_trap(&e, message),
            },
            WastDirective::AssertInvalid { mut module, message, .. } => {
                let bytes = encode(&mut module).map_err(|e| {
                    format!("expected invalid module ({message}), but the text did not encode: {e}")
                })?;
                match Module::from_binary(&self.engine, &bytes) {
                    Ok(_) => Err(format!("expected invalid module ({message}), but it compiled")),
                    Err(e) if e.kind() == ErrorKind::Invalid => check_message(&e, message),
                    Err(e) => Err(format!(
                        "expected invalid module ({message}), got a {:?} error: {e}",
                        e.kind()
                    )),
                }
            }
            WastDirective::AssertMalformed { module, message, .. } => {
                self.assert_malformed(module, message)
            }
            WastDirective::AssertUnlinkable { mut module, message, .. } => {
                let m = self.compile_wat(&mut module)?;
                match self.instantiate(&m) {
                    Ok(_) => Err(format!("expected link error ({message}), but it instantiated")),
                    Err(e) if e.kind() == ErrorKind::Link => {
                        if e.to_string().contains(message) {
                            Ok(())
                        } else {
                            Err(format!("expected link error \"{message}\", got: {e}"))
                        }
                    }
                    Err(e) => Err(format!(
                        "expected link error ({message}), got a {:?} error: {e}",
                        e.kind()
                    )),
                }
            }
            WastDirective::AssertException { exec, .. } => {
                match self.execute(exec)? {
                    Ok(()) => Err("expected an uncaught exception, but it succeeded".into()),
                    Err(e) if e.kind() == ErrorKind::Exception => {
                        // The exception is the store's until taken.
                        self.store.take_pending_exception();
                        Ok(())
                    }
                    Err(e) => Err(format!(
                        "expected an uncaught exception, got a {:?} error: {e}",
                        e.kind()
                    )),
                }
            }
            WastDirective::AssertSuspension { .. } => Err("stack switching unsupported".into()),
            WastDirective::AssertInvalidCustom { .. }
            | WastDirective::AssertMalformedCustom { .. } => {
                Err("custom-section assertions unsupported".into())
            }
            WastDirective::Thread(_) | WastDirective::Wait { .. } => {
                Err("threads unsupported".into())
            }
        }
    }

    /// Run what an `assert_trap` or `assert_exception` names, for its
    /// outcome: an invocation, a global read, or (`assert_uninstantiable`)
    /// the instantiation of a module that must compile. `Err` if the
    /// script itself is wrong (no such module or export, no compile).
    fn execute(&mut self, exec: WastExecute<'_>) -> Result<Result<(), Error>, String> {
        Ok(match exec {
            WastExecute::Invoke(invoke) => self.invoke(&invoke)?.map(drop),
            WastExecute::Get { module, global, .. } => self.get(module, global)?.map(drop),
            WastExecute::Wat(mut wat) => {
                let m = self.compile_wat(&mut wat)?;
                self.instantiate(&m).map(drop)
            }
        })
    }

    fn assert_return(&mut self, exec: WastExecute<'_>, want: &[WastRet<'_>]) -> Result<(), String> {
        let got = match exec {
            WastExecute::Invoke(invoke) => self.invoke(&invoke)?,
            WastExecute::Get { module, global, .. } => self.get(module, global)?.map(|v| vec![v]),
            WastExecute::Wat(mut wat) => {
                let m = self.compile_wat(&mut wat)?;
                self.instantiate(&m).map(|_| Vec::new())
            }
        };
        let got = got.map_err(|e| {
            format!("expected {}, got error: {}", values::expected_list(want), describe(&e))
        })?;
        if got.len() != want.len() {
            return Err(format!(
                "expected {} results {}, got {} {}",
                want.len(),
                values::expected_list(want),
                got.len(),
                values::actual_list(&self.store, &got)
            ));
        }
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            if !values::matches(&self.store, g, w)? {
                return Err(format!(
                    "result {i}: expected {}, got {}",
                    values::expected_list(want),
                    values::actual_list(&self.store, &got)
                ));
            }
        }
        Ok(())
    }

    fn assert_malformed(&mut self, mut module: QuoteWat<'_>, message: &str) -> Result<(), String> {
        let is_text = match &module {
            QuoteWat::QuoteModule(..) => true,
            QuoteWat::Wat(Wat::Module(m)) => matches!(m.kind, ModuleKind::Text(_)),
            QuoteWat::Wat(Wat::Component(_)) | QuoteWat::QuoteComponent(..) => {
                return Err("components unsupported".into());
            }
        };
        if is_text {
            // The text forms test the text parser: parsing must fail (a
            // few known exceptions aside, see TEXT_MALFORMED_ACCEPTED_BY_WAST).
            return match module.encode() {
                Err(_) => Ok(()),
                Ok(bytes) => match Module::from_binary(&self.engine, &bytes) {
                    Err(e)
                        if e.kind() == ErrorKind::Malformed
                            && TEXT_MALFORMED_ACCEPTED_BY_WAST.iter().any(|(want, ours)| {
                                message.contains(want) && e.message().contains(ours)
                            }) =>
                    {
                        Ok(())
                    }
                    Ok(_) => Err(format!(
                        "expected malformed text ({message}), but it parsed and compiled"
                    )),
                    Err(e) => Err(format!(
                        "expected malformed text ({message}), but it parsed; compiling it fails \
                         with a {}",
                        describe(&e)
                    )),
                },
            };
        }
        let bytes = encode(&mut module)?;
        match Module::from_binary(&self.engine, &bytes) {
            Ok(_) => Err(format!("expected malformed module ({message}), but it compiled")),
            Err(e) if e.kind() == ErrorKind::Malformed => check_message(&e, message),
            Err(e)
                if e.kind() == ErrorKind::Invalid
                    && MALFORMED_DETECTED_BY_VALIDATOR.iter().any(|(want, ours)| {
                        message.contains(want) && e.message().contains(ours)
                    }) =>
            {
                Ok(())
            }
            Err(e) => Err(format!(
                "expected malformed module ({message}), got a {:?} error: {e}",
                e.kind()
            )),
        }
    }

    /// Encode and compile a module; any error is a failure.
    fn compile(&self, module: &mut QuoteWat<'_>) -> Result<Module, String> {
        let bytes = encode(module)?;
        Module::from_binary(&self.engine, &bytes).map_err(|e| format!("compile failed: {e}"))
    }

    fn compile_wat(&self, wat: &mut Wat<'_>) -> Result<Module, String> {
        if let Wat::Component(_) = wat {
            return Err("components unsupported".into());
        }
        let bytes = wat.encode().map_err(|e| format!("text did not encode: {}", e.message()))?;
        Module::from_binary(&self.engine, &bytes).map_err(|e| format!("compile failed: {e}"))
    }

    fn instantiate(&mut self, module: &Module) -> wasmite::Result<Instance> {
        if self.fuel_slice.is_some() {
            // Start functions run with plenty of fuel (instantiation is not resumable).
            self.store.set_fuel(u64::MAX)?;
        }
        self.linker.instantiate(&mut self.store, module)
    }

    /// The instance named `id`, or the current one.
    fn instance(&self, id: Option<Id<'_>>) -> Result<Instance, String> {
        match id {
            Some(id) => self
                .instances
                .get(id.name())
                .copied()
                .ok_or_else(|| format!("unknown module `${}`", id.name())),
            None => {
                self.current.ok_or_else(|| "no current module (none, or the last failed)".into())
            }
        }
    }

    fn invoke(&mut self, invoke: &WastInvoke<'_>) -> Exec<Vec<Val>> {
        let inst = self.instance(invoke.module)?;
        let func = inst
            .get_func(&self.store, invoke.name)
            .ok_or_else(|| format!("no exported function `{}`", invoke.name))?;
        let mut args = Vec::with_capacity(invoke.args.len());
        for a in &invoke.args {
            args.push(values::arg(&mut self.store, a)?);
        }
        let ty = func.ty(&self.store);
        let mut results: Vec<Val> = vec![Val::I32(0); ty.results().len()];
        let Some(slice) = self.fuel_slice else {
            return Ok(func.call(&mut self.store, &args, &mut results).map(|()| results));
        };
        Ok(self.call_refuelling(func, &args, &mut results, slice).map(|()| results))
    }

    /// Call `func` resumably with one unit of fuel, then `slice` at a time,
    /// until it finishes, counting the suspensions.
    fn call_refuelling(
        &mut self,
        func: wasmite::Func,
        args: &[Val],
        results: &mut [Val],
        slice: u64,
    ) -> wasmite::Result<()> {
        self.calls += 1;
        self.store.set_fuel(1)?;
        let mut call = func.call_resumable(&mut self.store, args, results)?;
        let mut suspended = false;
        while let wasmite::ResumableCall::Resumable(inv) = call {
            if let Some(e) = inv.host_error() {
                return Err(wasmite::Error::msg(e.to_string()));
            }
            self.suspensions += 1;
            if !suspended {
                self.suspended_calls += 1;
                suspended = true;
            }
            self.store.set_fuel(slice.max(inv.required_fuel().unwrap_or(0)))?;
            call = inv.resume(&mut self.store, &[], results)?;
        }
        Ok(())
    }

    fn get(&mut self, module: Option<Id<'_>>, name: &str) -> Exec<Val> {
        let inst = self.instance(module)?;
        let global = inst
            .get_global(&self.store, name)
            .ok_or_else(|| format!("no exported global `{name}`"))?;
        Ok(Ok(global.get(&self.store)))
    }
}

/// Encode a (possibly quoted) module to its binary; any error is a failure.
fn encode(module: &mut QuoteWat<'_>) -> Result<Vec<u8>, String> {
    if let QuoteWat::QuoteComponent(..) | QuoteWat::Wat(Wat::Component(_)) = module {
        return Err("components unsupported".into());
    }
    module.encode().map_err(|e| format!("text did not encode: {}", e.message()))
}

/// An error with its kind, for failure messages.
fn describe(e: &Error) -> String {
    format!("{:?} error: {e}", e.kind())
}

/// `Ok` if the message of `e`, a validation or decoding error, says what
/// the spec's `want` says: it contains `want`, or it is wasmparser's
/// wording of it ([`MESSAGE_EQUIVALENTS`]).
fn check_message(e: &Error, want: &str) -> Result<(), String> {
    let ours = e.message();
    let equivalent =
        MESSAGE_EQUIVALENTS.iter().any(|(spec, theirs)| want == *spec && ours.contains(theirs));
    if ours.contains(want) || equivalent {
        Ok(())
    } else {
        Err(format!("expected \"{want}\", got this {:?} error: {ours}", e.kind()))
    }
}

/// `Ok` if `e` is a trap whose message contains `want`.
fn check_trap(e: &Error, want: &str) -> Result<(), String> {
    if e.kind() != ErrorKind::Trap {
        return Err(format!("expected trap \"{want}\", got a {}", describe(e)));
    }
    // Match the trap's own message, not the location suffix (a function
    // named `unreachable` must not satisfy an "unreachable" assertion).
    let text = match e.trap_code() {
        Some(code) => code.message().to_string(),
        None => e.message().to_string(),
    };
    // The spec interpreter sometimes appends a detail to its message
    // ("uninitialized element 7"); our message without it matches.
    let with_detail = want.strip_prefix(text.as_str()).is_some_and(|rest| rest.starts_with(' '));
    if text.contains(want) || with_detail {
        Ok(())
    } else {
        Err(format!("expected trap \"{want}\", got: {e}"))
    }
}

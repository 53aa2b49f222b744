//! The `wasm-smith` configuration for what wasmite supports, and the host
//! imports generated modules may pick from.

use arbitrary::{Result, Unstructured};
use wasm_smith::{Config, Module};

use crate::outcome::{RefSummary, Ty, Value};

/// Every import a generated module may use; both engines provide exactly these.
pub const IMPORTS_WAT: &str = r#"(module
  (import "env" "nop" (func))
  (import "env" "i32_i32" (func (param i32) (result i32)))
  (import "env" "i64_f64_i64" (func (param i64 f64) (result i64)))
  (import "env" "f32_f32" (func (param f32) (result f32)))
  (import "env" "multi" (func (param i32 i64 funcref) (result i32 i64 f64)))
  (import "env" "fail_if_odd" (func (param i32)))
  (import "env" "g_i32" (global i32))
  (import "env" "g_i64_mut" (global (mut i64)))
  (import "env" "g_f64" (global f64))
  (import "env" "mem" (memory 1 16))
  (import "env" "table" (table 4 100 funcref)))"#;

/// The binary of [`IMPORTS_WAT`].
pub fn imports_wasm() -> Vec<u8> {
    wat::parse_str(IMPORTS_WAT).expect("IMPORTS_WAT parses")
}

/// [`IMPORTS_WAT`] plus imports with `v128`s, for [`Proposals::Wasm3Simd`]
/// (a host function taking and returning one, an immutable global).
pub const SIMD_IMPORTS_WAT: &str = r#"(module
  (import "env" "v128_i32_v128" (func (param v128 i32) (result v128)))
  (import "env" "g_v128" (global v128)))"#;

/// Imports for [`Proposals::Wasm3Eh`]: tags with small payloads (so that
/// generated code can often throw them: wasm-smith's own tags rarely fit
/// the operand stack) and a host function that throws `tag_i32` with its
/// argument when that is odd.
pub const EH_IMPORTS_WAT: &str = r#"(module
  (import "env" "tag0" (tag))
  (import "env" "tag_i32" (tag (param i32)))
  (import "env" "tag_i64_f64" (tag (param i64 f64)))
  (import "env" "throw_if_odd" (func (param i32))))"#;

/// Imports for [`Proposals::Wasm3Gc`]: references of the `any` hierarchy
/// crossing the host boundary. `any_id` returns its argument (a struct or
/// array goes out to the host and back), `i31_of` makes an `i31` from its
/// argument, and the globals and the table are host-made places Wasm may
/// store GC objects in (which the collector must then treat as roots):
/// `g_anyref` holds the host's `i31` 7, `g_eqref_mut` and `table_any` start
/// null. Only nullable reference types: wasm-smith 0.263 makes none
/// other itself, and panics when a block must produce a value of a
/// non-nullable type it has no instruction at hand for (it could only make
/// a `ref.null`).
pub const GC_IMPORTS_WAT: &str = r#"(module
  (import "env" "any_id" (func (param anyref) (result anyref)))
  (import "env" "i31_of" (func (param i32) (result i31ref)))
  (import "env" "g_anyref" (global anyref))
  (import "env" "g_eqref_mut" (global (mut eqref)))
  (import "env" "table_any" (table 2 20 anyref)))"#;

/// The binary of the imports `proposals` may use.
fn imports_for(proposals: Proposals) -> Vec<u8> {
    if matches!(proposals, Proposals::Wasm2 | Proposals::Wasm3) {
        return imports_wasm();
    }
    let unwrap = |wat: &'static str| {
        wat.strip_prefix("(module").and_then(|w| w.strip_suffix(')')).expect("a module")
    };
    let eh = if proposals.exceptions() { unwrap(EH_IMPORTS_WAT) } else { "" };
    let gc = if proposals == Proposals::Wasm3Gc { unwrap(GC_IMPORTS_WAT) } else { "" };
    let wat = format!("(module{}{}{eh}{gc})", unwrap(IMPORTS_WAT), unwrap(SIMD_IMPORTS_WAT));
    wat::parse_str(&wat).expect("the imports' WAT parses")
}

/// Which proposals a generated module may use. A fuzz input is a seed for
/// wasm-smith, so the same bytes make another module under another
/// configuration: inputs saved before the 3.0 proposals were fuzzed
/// (`fuzz/regressions/`, before session 9) reproduce their findings with
/// [`Proposals::Wasm2`] only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proposals {
    /// WebAssembly 2.0 without SIMD: the configuration of the inputs saved
    /// before session 9.
    Wasm2,
    /// [`Proposals::Wasm2`] plus the 3.0 proposals both engines run: the
    /// configuration of the inputs saved as `wasm3-*` (session 9).
    Wasm3,
    /// [`Proposals::Wasm3`] plus fixed-width SIMD and relaxed SIMD: what
    /// the differential and decode targets generate (since session 10),
    /// and the configuration of the inputs saved as `simd-*`.
    Wasm3Simd,
    /// [`Proposals::Wasm3Simd`] plus exception handling (tags, `throw`,
    /// `throw_ref`, `try_table`, `exnref`): what the execute and backends
    /// targets generate (since session 12; wasmi has no exceptions), and
    /// the configuration of the inputs saved as `eh-*`.
    Wasm3Eh,
    /// [`Proposals::Wasm3Eh`] plus GC (and with it typed function
    /// references): struct, array and `i31` types and instructions, casts,
    /// `br_on_cast`, and the imports of [`GC_IMPORTS_WAT`]. What most
    /// inputs of the execute and backends targets generate (since session
    /// 13: see [`Proposals::for_execution`]), and the configuration of the
    /// inputs saved as `gc-*`.
    Wasm3Gc,
}

impl Proposals {
    /// The configuration a saved input (`fuzz/regressions/<target>/<name>`)
    /// was generated with, by its name: `gc-*` with [`Proposals::Wasm3Gc`],
    /// `eh-*` with [`Proposals::Wasm3Eh`], `simd-*` with
    /// [`Proposals::Wasm3Simd`], `wasm3-*` with [`Proposals::Wasm3`], and
    /// the older ones with [`Proposals::Wasm2`].
    pub fn of_saved_input(name: &str) -> Proposals {
        if name.starts_with("gc-") {
            Proposals::Wasm3Gc
        } else if name.starts_with("eh-") {
            Proposals::Wasm3Eh
        } else if name.starts_with("simd-") {
            Proposals::Wasm3Simd
        } else if name.starts_with("wasm3-") {
            Proposals::Wasm3
        } else {
            Proposals::Wasm2
        }
    }

    /// What the execute and backends targets generate, drawn from the
    /// input (its first byte, for an input that starts with it): GC three
    /// times in four, else [`Proposals::Wasm3Eh`] (what they generated in
    /// session 12), so that the exception-only modules keep their share.
    /// An empty input draws GC.
    ///
    /// # Errors
    /// Never in practice (an exhausted input draws the first choice).
    pub fn for_execution(u: &mut Unstructured<'_>) -> Result<Proposals> {
        Ok(if u.ratio(3, 4)? { Proposals::Wasm3Gc } else { Proposals::Wasm3Eh })
    }

    /// Whether exception handling is generated.
    pub fn exceptions(self) -> bool {
        matches!(self, Proposals::Wasm3Eh | Proposals::Wasm3Gc)
    }

    /// Whether SIMD and relaxed SIMD are generated.
    pub fn simd(self) -> bool {
        matches!(self, Proposals::Wasm3Simd | Proposals::Wasm3Eh | Proposals::Wasm3Gc)
    }
}

/// A `wasm-smith` configuration for what both wasmite and wasmi run:
/// WebAssembly 2.0, and the 3.0 proposals tail calls, memory64 (and
/// table64), multi-memory, extended-const, relaxed SIMD, plus wide
/// arithmetic and custom page sizes; with a few knobs drawn from the
/// input; with exceptions too for [`Proposals::Wasm3Eh`] (wasmi has none,
/// so only the wasmite-only targets use it), and GC and typed function
/// references (wasm-smith generates the latter only with GC) too for
/// [`Proposals::Wasm3Gc`]. Not threads.
///
/// [`Proposals::Wasm3`] is the same without SIMD and relaxed SIMD. Turning
/// them on draws nothing more from the input, but wasm-smith then picks
/// value types and instructions among more choices, so the same bytes make
/// other modules: hence two variants.
pub fn config(u: &mut Unstructured<'_>, proposals: Proposals) -> Result<Config> {
    if proposals == Proposals::Wasm2 {
        return config_wasm2(u);
    }
    let simd = proposals.simd();
    let mut c = Config {
        available_imports: Some(imports_for(proposals)),
        simd_enabled: simd,
        relaxed_simd_enabled: simd,
        threads_enabled: false,
        shared_everything_threads_enabled: false,
        tail_call_enabled: true,
        exceptions_enabled: proposals.exceptions(),
        gc_enabled: proposals == Proposals::Wasm3Gc,
        memory64_enabled: u.arbitrary()?,
        custom_page_sizes_enabled: u.ratio(1, 8)?,
        extended_const_enabled: true,
        wide_arithmetic_enabled: true,
        multibyte_array_access_enabled: false,
        acquire_release_atomics_enabled: false,
        custom_descriptors_enabled: false,
        compact_imports_enabled: false,
        max_memories: u.int_in_range(1..=3)?,
        max_tables: u.int_in_range(1..=3)?,
        max_table_elements: 20_000,
        max_memory32_bytes: match u.int_in_range(0..=2)? {
            0 => 16 << 16,
            1 => (crate::MAX_MEMORY_BYTES as u64) + (2 << 16),
            _ => 1 << 32,
        },
        max_memory64_bytes: match u.int_in_range(0..=2)? {
            0 => 16 << 16,
            1 => (crate::MAX_MEMORY_BYTES as u128) + (2 << 16),
            _ => 1 << 48,
        },
        max_funcs: 30,
        max_instructions: u.int_in_range(10..=1000)?,
        max_nesting_depth: u.int_in_range(1..=20)?,
        min_uleb_size: u.int_in_range(1..=5)?,
        disallow_traps: u.arbitrary()?,
        export_everything: u.ratio(1, 4)?,
        ..Config::default()
    };
    enable_wasm2(&mut c);
    Ok(c)
}

/// [`config`] as it was before the 3.0 proposals (the saved inputs' one):
/// WebAssembly 2.0 without SIMD.
fn config_wasm2(u: &mut Unstructured<'_>) -> Result<Config> {
    let mut c = Config {
        available_imports: Some(imports_wasm()),
        simd_enabled: false,
        relaxed_simd_enabled: false,
        threads_enabled: false,
        shared_everything_threads_enabled: false,
        tail_call_enabled: false,
        exceptions_enabled: false,
        gc_enabled: false,
        memory64_enabled: false,
        custom_page_sizes_enabled: false,
        extended_const_enabled: false,
        wide_arithmetic_enabled: false,
        multibyte_array_access_enabled: false,
        acquire_release_atomics_enabled: false,
        custom_descriptors_enabled: false,
        compact_imports_enabled: false,
        max_memories: 1,
        max_tables: u.int_in_range(1..=3)?,
        max_table_elements: 20_000,
        max_memory32_bytes: match u.int_in_range(0..=2)? {
            0 => 16 << 16,
            1 => (crate::MAX_MEMORY_BYTES as u64) + (2 << 16),
            _ => 1 << 32,
        },
        max_funcs: 30,
        max_instructions: u.int_in_range(10..=1000)?,
        max_nesting_depth: u.int_in_range(1..=20)?,
        min_uleb_size: u.int_in_range(1..=5)?,
        disallow_traps: u.arbitrary()?,
        export_everything: u.ratio(1, 4)?,
        ..Config::default()
    };
    enable_wasm2(&mut c);
    Ok(c)
}

fn enable_wasm2(c: &mut Config) {
    c.bulk_memory_enabled = true;
    c.reference_types_enabled = true;
    c.multi_value_enabled = true;
    c.saturating_float_to_int_enabled = true;
    c.sign_extension_ops_enabled = true;
}

/// A module from the input, with `canonicalize_nans` (wasm-smith's own
/// instrumentation: every float result is made canonical) as asked.
pub fn module(
    u: &mut Unstructured<'_>,
    canonicalize_nans: bool,
    proposals: Proposals,
) -> Result<Vec<u8>> {
    let mut c = config(u, proposals)?;
    c.canonicalize_nans = canonicalize_nans;
    Ok(Module::new(c, u)?.to_bytes())
}

/// What the host import `name` does, identically on every engine: results
/// are derived from a mix of the parameters; `fail_if_odd` fails on odd input.
///
/// # Errors
/// The host failure's message.
pub fn host_call(name: &str, params: &[Value], results: &[Ty]) -> Result<Vec<Value>, String> {
    if name == "fail_if_odd" && matches!(params.first(), Some(Value::I32(v)) if v % 2 != 0) {
        return Err("host failure: odd input".into());
    }
    let mut acc: i64 = 0x5eed;
    for p in params {
        let bits = match *p {
            Value::I32(v) => v as i64,
            Value::I64(v) => v,
            Value::F32(v) => v as i64,
            Value::F64(v) => v as i64,
            Value::V128(v) => (v as i64) ^ ((v >> 64) as i64).rotate_left(17),
            Value::FuncRef(f) => f.is_some() as i64,
            Value::ExnRef(nonnull) => nonnull as i64,
            Value::ExternRef(r) | Value::AnyRef(r) => r.is_non_null() as i64,
        };
        acc = acc.wrapping_mul(31).wrapping_add(bits);
    }
    Ok(results
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let v = acc.wrapping_add(i as i64);
            match t {
                Ty::I32 => Value::I32(v as i32),
                Ty::I64 => Value::I64(v),
                Ty::F32 => Value::F32((v as f32).to_bits()),
                Ty::F64 => Value::F64((v as f64).to_bits()),
                Ty::V128 => Value::V128(((v as u128) << 64) | (v.rotate_left(29) as u64 as u128)),
                Ty::FuncRef => Value::FuncRef(None),
                Ty::ExternRef => Value::ExternRef(RefSummary::Null),
            }
        })
        .collect())
}

/// The value of each imported global.
pub fn imported_global(name: &str) -> Value {
    match name {
        "g_i32" => Value::I32(-42),
        "g_i64_mut" => Value::I64(1 << 40),
        "g_v128" => Value::V128(0x7fc0_0001_8000_0000_3f80_0000_0000_00ff_u128),
        "g_anyref" => Value::AnyRef(RefSummary::I31(7)),
        "g_eqref_mut" => Value::AnyRef(RefSummary::Null),
        _ => Value::F64(1.5f64.to_bits()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `wasm` needs SIMD (fails to validate without it).
    fn uses_simd(wasm: &[u8]) -> bool {
        let features = wasmparser::WasmFeatures::all()
            - wasmparser::WasmFeatures::SIMD
            - wasmparser::WasmFeatures::RELAXED_SIMD;
        wasmparser::Validator::new_with_features(features).validate_all(wasm).is_err()
    }

    /// [`Proposals::Wasm3Simd`] makes SIMD modules (most of them, from
    /// arbitrary bytes) with relaxed SIMD among them; the older
    /// configurations make none, so the inputs saved with them keep
    /// their modules.
    #[test]
    fn only_wasm3simd_generates_simd() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let (mut simd, mut relaxed, mut made) = (0, 0, 0);
        for _ in 0..200 {
            let data: Vec<u8> = (0..2048)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            for proposals in [Proposals::Wasm2, Proposals::Wasm3, Proposals::Wasm3Simd] {
                let Ok(wasm) = module(&mut Unstructured::new(&data), true, proposals) else {
                    continue;
                };
                if proposals != Proposals::Wasm3Simd {
                    assert!(!uses_simd(&wasm), "{proposals:?}");
                    continue;
                }
                made += 1;
                if uses_simd(&wasm) {
                    simd += 1;
                    let no_relaxed =
                        wasmparser::WasmFeatures::all() - wasmparser::WasmFeatures::RELAXED_SIMD;
                    let mut v = wasmparser::Validator::new_with_features(no_relaxed);
                    relaxed += usize::from(v.validate_all(&wasm).is_err());
                }
            }
        }
        assert!(simd * 2 > made, "{simd} of {made} use SIMD");
        assert!(relaxed > 0, "none of {simd} uses relaxed SIMD");
    }

    /// Whether `wasm` needs GC (fails to validate without it).
    fn uses_gc(wasm: &[u8]) -> bool {
        let features = wasmparser::WasmFeatures::all() - wasmparser::WasmFeatures::GC;
        wasmparser::Validator::new_with_features(features).validate_all(wasm).is_err()
    }

    /// [`Proposals::Wasm3Gc`] makes GC modules (most of them, from
    /// arbitrary bytes) that import the GC imports now and then;
    /// [`Proposals::Wasm3Eh`] makes none, so the inputs saved with it keep
    /// their modules; [`Proposals::for_execution`] picks GC for most inputs.
    #[test]
    fn only_wasm3gc_generates_gc() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let (mut gc, mut imports, mut made, mut drawn) = (0, 0, 0, 0);
        for _ in 0..200 {
            let data: Vec<u8> = (0..2048)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            let drew = Proposals::for_execution(&mut Unstructured::new(&data)).unwrap();
            drawn += usize::from(drew == Proposals::Wasm3Gc);
            for proposals in [Proposals::Wasm3Eh, Proposals::Wasm3Gc] {
                let Ok(wasm) = module(&mut Unstructured::new(&data), false, proposals) else {
                    continue;
                };
                if proposals != Proposals::Wasm3Gc {
                    assert!(!uses_gc(&wasm), "{proposals:?}");
                    continue;
                }
                made += 1;
                gc += usize::from(uses_gc(&wasm));
                let gc_import = ["any_id", "i31_of", "g_anyref", "g_eqref_mut", "table_any"];
                imports += usize::from(wasmparser::Parser::new(0).parse_all(&wasm).any(|p| {
                    let Ok(wasmparser::Payload::ImportSection(s)) = p else { return false };
                    s.into_imports().flatten().any(|i| gc_import.contains(&i.name))
                }));
            }
        }
        assert!(gc * 2 > made, "{gc} of {made} use GC");
        assert!(imports > 0, "none of {made} imports a GC import");
        assert!((120..=180).contains(&drawn), "{drawn} of 200 inputs draw GC");
    }
}

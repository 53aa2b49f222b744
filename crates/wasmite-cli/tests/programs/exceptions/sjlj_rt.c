/* The runtime of clang's Wasm setjmp/longjmp lowering (-mllvm
 * -wasm-enable-sjlj), which Debian 12's wasi-libc (2022) lacks. Written for
 * these test programs; the three signatures are the ones clang 19 calls:
 *
 *   void     __wasm_setjmp(void *env, uint32_t label, void *invocation_id)
 *   uint32_t __wasm_setjmp_test(void *env, void *invocation_id)
 *   void     __wasm_longjmp(void *env, int val)
 *
 * A setjmp call site records which function invocation (the address of a
 * slot in its frame) and which of its setjmp calls (label, 1-based) armed
 * env. longjmp throws a Wasm exception with the C longjmp tag __c_longjmp
 * (tag index 1 of __builtin_wasm_throw), carrying a pointer to {env, val}.
 * Every function that calls setjmp catches __c_longjmp around its calls and
 * asks __wasm_setjmp_test whether env is one of its own: a nonzero label
 * resumes that setjmp with val; 0 makes it throw again with
 * __wasm_longjmp(env, val), on to the callers. */
#include <setjmp.h>
#include <stdint.h>

void __wasm_setjmp(void *env, uint32_t label, void *invocation_id) {
    struct __wasm_jmp_buf *jb = env;
    jb->func_invocation_id = invocation_id;
    jb->label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *invocation_id) {
    struct __wasm_jmp_buf *jb = env;
    return jb->func_invocation_id == invocation_id ? jb->label : 0;
}

_Noreturn void __wasm_longjmp(void *env, int val) {
    struct __wasm_jmp_buf *jb = env;
    /* C11 7.13.2.1: setjmp never returns 0 through longjmp. */
    jb->arg.env = env;
    jb->arg.val = val == 0 ? 1 : val;
    __builtin_wasm_throw(1, &jb->arg);
}

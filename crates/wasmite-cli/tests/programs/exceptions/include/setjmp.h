/* setjmp.h for clang's Wasm setjmp/longjmp lowering (-mllvm -wasm-enable-sjlj).
 * Debian 12's wasi-libc (2022) has no <setjmp.h>; this one matches
 * sjlj_rt.c, which implements the functions the lowering calls.
 *
 * clang rewrites every setjmp(env) call into __wasm_setjmp(env, label,
 * &invocation_id) and every longjmp(env, val) call into __wasm_longjmp(env,
 * val), so neither setjmp nor longjmp needs a definition (taking their
 * address is not supported). */
#ifndef SJLJ_SETJMP_H
#define SJLJ_SETJMP_H

struct __wasm_jmp_buf {
    void *func_invocation_id; /* the frame that called setjmp */
    unsigned int label;       /* which setjmp call in that frame (never 0) */
    /* What __wasm_longjmp throws with the __c_longjmp tag: the compiled
     * code reads env at offset 0 and val at offset 4. */
    struct __wasm_longjmp_args {
        void *env;
        int val;
    } arg;
};
typedef struct __wasm_jmp_buf jmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);

#endif

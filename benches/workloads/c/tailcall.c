/* A direct-threaded bytecode interpreter in the style tail calls allow:
 * every opcode is a function that ends by tail-calling the handler of the
 * next opcode (`musttail`), so there is no dispatch loop and no stack
 * growth. Built with -mtail-call, each of those calls is a Wasm
 * `return_call_indirect`. The program counts and sums the primes below
 * 50,000 by trial division. */
#include "bench.h"

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, JZ, JMP, HALT };

typedef struct { i32 op, arg; } ins;
typedef i64 (*handler)(const ins *pc, i64 *sp, i64 *vars);

static const handler table[11];

#define NEXT(pc, sp, vars) __attribute__((musttail)) return table[(pc)->op]((pc), (sp), (vars))

static i64 op_push(const ins *pc, i64 *sp, i64 *vars) { *sp++ = pc->arg; pc++; NEXT(pc, sp, vars); }
static i64 op_load(const ins *pc, i64 *sp, i64 *vars) { *sp++ = vars[pc->arg]; pc++; NEXT(pc, sp, vars); }
static i64 op_store(const ins *pc, i64 *sp, i64 *vars) { vars[pc->arg] = *--sp; pc++; NEXT(pc, sp, vars); }
static i64 op_add(const ins *pc, i64 *sp, i64 *vars) { sp--; sp[-1] += sp[0]; pc++; NEXT(pc, sp, vars); }
static i64 op_sub(const ins *pc, i64 *sp, i64 *vars) { sp--; sp[-1] -= sp[0]; pc++; NEXT(pc, sp, vars); }
static i64 op_mul(const ins *pc, i64 *sp, i64 *vars) { sp--; sp[-1] *= sp[0]; pc++; NEXT(pc, sp, vars); }
static i64 op_mod(const ins *pc, i64 *sp, i64 *vars) { sp--; sp[-1] %= sp[0]; pc++; NEXT(pc, sp, vars); }
static i64 op_lt(const ins *pc, i64 *sp, i64 *vars) { sp--; sp[-1] = sp[-1] < sp[0]; pc++; NEXT(pc, sp, vars); }
static i64 op_jz(const ins *pc, i64 *sp, i64 *vars) { pc = *--sp ? pc + 1 : pc + pc->arg; NEXT(pc, sp, vars); }
static i64 op_jmp(const ins *pc, i64 *sp, i64 *vars) { pc += pc->arg; NEXT(pc, sp, vars); }
static i64 op_halt(const ins *pc, i64 *sp, i64 *vars) { (void)pc; (void)sp; return vars[0]; }

static const handler table[11] = {op_push, op_load, op_store, op_add, op_sub, op_mul,
                                  op_mod,  op_lt,   op_jz,    op_jmp, op_halt};

/* vars: 0 count, 1 n, 2 d, 3 limit, 4 sum. Jumps are relative; JZ jumps
 * when the popped value is 0. */
static const ins primes[] = {
    /*  0 */ {PUSH, 0}, {STORE, 0},                                    /* count = 0 */
    /*  2 */ {PUSH, 2}, {STORE, 1},                                    /* n = 2 */
    /*  4 */ {LOAD, 1}, {LOAD, 3}, {LT, 0}, {JZ, 32},                  /* n < limit, else halt (39) */
    /*  8 */ {PUSH, 2}, {STORE, 2},                                    /* d = 2 */
    /* 10 */ {LOAD, 1}, {LOAD, 2}, {LOAD, 2}, {MUL, 0}, {LT, 0},       /* n < d*d? */
    /* 15 */ {JZ, 2}, {JMP, 10},                                       /* no: test d (17); yes: prime (26) */
    /* 17 */ {LOAD, 1}, {LOAD, 2}, {MOD, 0}, {JZ, 14},                 /* n % d == 0: next n (34) */
    /* 21 */ {LOAD, 2}, {PUSH, 1}, {ADD, 0}, {STORE, 2}, {JMP, -15},   /* d++, inner (10) */
    /* 26 */ {LOAD, 0}, {PUSH, 1}, {ADD, 0}, {STORE, 0},               /* count++ */
    /* 30 */ {LOAD, 4}, {LOAD, 1}, {ADD, 0}, {STORE, 4},               /* sum += n */
    /* 34 */ {LOAD, 1}, {PUSH, 1}, {ADD, 0}, {STORE, 1}, {JMP, -34},   /* n++, outer (4) */
    /* 39 */ {HALT, 0},
};

EXPORT("run") u64 run(void) {
    i64 stack[16];
    i64 vars[5] = {0, 0, 0, 50000, 0};
    i64 count = table[primes[0].op](primes, stack, vars);
    return ((u64)count << 32) ^ (u64)vars[4];
}

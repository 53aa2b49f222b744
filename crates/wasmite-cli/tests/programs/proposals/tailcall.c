// A threaded bytecode interpreter in the style tail calls make possible:
// every opcode is a function that ends by tail-calling the next opcode's
// handler ([[clang::musttail]]), so the interpreter never returns to a
// dispatch loop and never grows the stack. Built with -mtail-call, each of
// those calls is a Wasm `return_call_indirect`; without tail calls in the
// engine the program runs out of stack at once.
//
// The bytecode counts the primes below N by trial division, then a pair of
// mutually tail-recursive functions checks the parity of a large number.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, JZ, JMP, HALT };

typedef struct { int32_t op, arg; } Ins;
typedef int64_t (*Handler)(const Ins *pc, int64_t *sp, int64_t *vars);

static Handler table[];

#define NEXT(pc, sp, vars) __attribute__((musttail)) return table[(pc)->op]((pc), (sp), (vars))

static int64_t op_push(const Ins *pc, int64_t *sp, int64_t *vars) { *sp++ = pc->arg; pc++; NEXT(pc, sp, vars); }
static int64_t op_load(const Ins *pc, int64_t *sp, int64_t *vars) { *sp++ = vars[pc->arg]; pc++; NEXT(pc, sp, vars); }
static int64_t op_store(const Ins *pc, int64_t *sp, int64_t *vars) { vars[pc->arg] = *--sp; pc++; NEXT(pc, sp, vars); }
static int64_t op_add(const Ins *pc, int64_t *sp, int64_t *vars) { sp--; sp[-1] += sp[0]; pc++; NEXT(pc, sp, vars); }
static int64_t op_sub(const Ins *pc, int64_t *sp, int64_t *vars) { sp--; sp[-1] -= sp[0]; pc++; NEXT(pc, sp, vars); }
static int64_t op_mul(const Ins *pc, int64_t *sp, int64_t *vars) { sp--; sp[-1] *= sp[0]; pc++; NEXT(pc, sp, vars); }
static int64_t op_mod(const Ins *pc, int64_t *sp, int64_t *vars) { sp--; sp[-1] %= sp[0]; pc++; NEXT(pc, sp, vars); }
static int64_t op_lt(const Ins *pc, int64_t *sp, int64_t *vars) { sp--; sp[-1] = sp[-1] < sp[0]; pc++; NEXT(pc, sp, vars); }
static int64_t op_jz(const Ins *pc, int64_t *sp, int64_t *vars) { pc = *--sp ? pc + 1 : pc + pc->arg; NEXT(pc, sp, vars); }
static int64_t op_jmp(const Ins *pc, int64_t *sp, int64_t *vars) { pc += pc->arg; NEXT(pc, sp, vars); }
static int64_t op_halt(const Ins *pc, int64_t *sp, int64_t *vars) { (void)pc; (void)sp; return vars[0]; }

static Handler table[] = {op_push, op_load, op_store, op_add, op_sub, op_mul, op_mod, op_lt, op_jz, op_jmp, op_halt};

// vars: 0 count, 1 n, 2 d, 3 limit. Jumps are relative: JZ goes to
// pc + arg when the popped value is 0, else to the next instruction.
static const Ins primes[] = {
    /*  0 */ {PUSH, 0}, {STORE, 0},           // count = 0
    /*  2 */ {PUSH, 2}, {STORE, 1},           // n = 2
    /*  4 */ {LOAD, 1}, {LOAD, 3}, {LT, 0},   // outer: n < limit?
    /*  7 */ {JZ, 28},                        //   no: halt (35)
    /*  8 */ {PUSH, 2}, {STORE, 2},           // d = 2
    /* 10 */ {LOAD, 1}, {LOAD, 2}, {LOAD, 2}, {MUL, 0}, {LT, 0},  // inner: n < d*d?
    /* 15 */ {JZ, 2},                         //   no: test d (17)
    /* 16 */ {JMP, 10},                       //   yes: n is prime (26)
    /* 17 */ {LOAD, 1}, {LOAD, 2}, {MOD, 0},  // n % d
    /* 20 */ {JZ, 10},                        //   0: composite, next n (30)
    /* 21 */ {LOAD, 2}, {PUSH, 1}, {ADD, 0}, {STORE, 2},  // d++
    /* 25 */ {JMP, -15},                      // inner (10)
    /* 26 */ {LOAD, 0}, {PUSH, 1}, {ADD, 0}, {STORE, 0},  // count++
    /* 30 */ {LOAD, 1}, {PUSH, 1}, {ADD, 0}, {STORE, 1},  // n++
    /* 34 */ {JMP, -30},                      // outer (4)
    /* 35 */ {HALT, 0},
};

static int64_t count_primes(int64_t limit) {
    int64_t stack[16];
    int64_t vars[4] = {0, 0, 0, limit};
    return table[primes[0].op](primes, stack, vars);
}

static int is_odd(uint64_t n);
static int is_even(uint64_t n) {
    if (n == 0) return 1;
    __attribute__((musttail)) return is_odd(n - 1);
}
static int is_odd(uint64_t n) {
    if (n == 0) return 0;
    __attribute__((musttail)) return is_even(n - 1);
}

int main(int argc, char **argv) {
    int64_t limit = argc > 1 ? atoll(argv[1]) : 100000;
    printf("primes below %lld: %lld\n", (long long)limit, (long long)count_primes(limit));
    uint64_t n = 50000001;
    printf("%llu is %s\n", (unsigned long long)n, is_even(n) ? "even" : "odd");
    return 0;
}

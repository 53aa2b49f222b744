/* A switch-dispatch bytecode interpreter: a small stack VM with locals,
 * arithmetic, comparisons, jumps and calls, running a program that counts
 * primes by trial division and sums a Collatz sequence length table. */
#include "bench.h"

enum {
    OP_HALT, OP_PUSH, OP_POP, OP_DUP, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL,
    OP_DIV, OP_MOD, OP_LT, OP_EQ, OP_JMP, OP_JZ, OP_JNZ, OP_CALL, OP_RET,
    OP_INC, OP_AND, OP_SHR,
};

typedef struct {
    i32 ret_pc;
    i32 base;
} frame;

static i32 stack[1024];
static i32 locals[256];
static frame frames[64];

static i64 execute(const i32 *code, i32 pc, u64 *steps_out) {
    i32 sp = 0, fp = 0, base = 0;
    u64 steps = 0;
    for (;;) {
        steps++;
        i32 op = code[pc++];
        switch (op) {
        case OP_HALT:
            *steps_out = steps;
            return sp > 0 ? stack[sp - 1] : 0;
        case OP_PUSH: stack[sp++] = code[pc++]; break;
        case OP_POP: sp--; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_LOAD: stack[sp++] = locals[base + code[pc++]]; break;
        case OP_STORE: locals[base + code[pc++]] = stack[--sp]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_DIV: sp--; stack[sp - 1] /= stack[sp]; break;
        case OP_MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case OP_EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case OP_JMP: pc = code[pc]; break;
        case OP_JZ: pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
        case OP_JNZ: pc = stack[--sp] != 0 ? code[pc] : pc + 1; break;
        case OP_CALL: /* CALL target nlocals_offset: args stay on the stack */
            frames[fp].ret_pc = pc + 2;
            frames[fp].base = base;
            fp++;
            base += code[pc + 1];
            pc = code[pc];
            break;
        case OP_RET:
            fp--;
            pc = frames[fp].ret_pc;
            base = frames[fp].base;
            break;
        case OP_INC: locals[base + code[pc]] += code[pc + 1]; pc += 2; break;
        case OP_AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case OP_SHR: sp--; stack[sp - 1] = (i32)((u32)stack[sp - 1] >> stack[sp]); break;
        default:
            *steps_out = steps;
            return -1;
        }
    }
}

/* A tiny assembler with backpatched labels. */
static i32 code[512];
static i32 len;
static i32 label_at[32];
static i32 fixups[64][2];
static i32 nfix;

static void emit(i32 x) { code[len++] = x; }
static void emit2(i32 op, i32 x) { emit(op); emit(x); }
static void label(int l) { label_at[l] = len; }
static void jump(i32 op, int l) {
    emit(op);
    fixups[nfix][0] = len;
    fixups[nfix][1] = l;
    nfix++;
    emit(0);
}
static void link(void) {
    for (int i = 0; i < nfix; i++) code[fixups[i][0]] = label_at[fixups[i][1]];
}

/* Locals of main: 0 n, 1 count, 2 d, 3 is_prime, 4 limit, 5 collatz sum, 6 x.
 * Function is_prime(n) at label 10 uses its own locals window (base + 8). */
static void assemble(i32 limit, i32 collatz_limit) {
    enum { L_OUTER = 1, L_DONE, L_CINNER, L_CEVEN, L_CNEXT, L_COUTER, L_CDONE,
           F_PRIME = 10, L_PLOOP, L_PYES, L_PNO };
    len = 0;
    nfix = 0;
    /* count = 0; n = 2; limit = ... */
    emit2(OP_PUSH, 0); emit2(OP_STORE, 1);
    emit2(OP_PUSH, 2); emit2(OP_STORE, 0);
    emit2(OP_PUSH, limit); emit2(OP_STORE, 4);
    label(L_OUTER);
    emit2(OP_LOAD, 0); emit2(OP_LOAD, 4); emit(OP_LT); jump(OP_JZ, L_DONE);
    /* count += is_prime(n) */
    emit2(OP_LOAD, 0); emit2(OP_STORE, 8); /* pass n in callee local 0 */
    jump(OP_CALL, F_PRIME); emit(8);
    emit2(OP_LOAD, 1); emit(OP_ADD); emit2(OP_STORE, 1);
    emit(OP_INC); emit(0); emit(1);
    jump(OP_JMP, L_OUTER);
    label(L_DONE);
    /* collatz: for n in 1..collatz_limit: x = n; while x != 1 { x = even ? x/2 : 3x+1; sum++ } */
    emit2(OP_PUSH, 0); emit2(OP_STORE, 5);
    emit2(OP_PUSH, 1); emit2(OP_STORE, 0);
    label(L_COUTER);
    emit2(OP_LOAD, 0); emit2(OP_PUSH, collatz_limit); emit(OP_LT); jump(OP_JZ, L_CDONE);
    emit2(OP_LOAD, 0); emit2(OP_STORE, 6);
    label(L_CINNER);
    emit2(OP_LOAD, 6); emit2(OP_PUSH, 1); emit(OP_EQ); jump(OP_JNZ, L_CNEXT);
    emit(OP_INC); emit(5); emit(1);
    emit2(OP_LOAD, 6); emit2(OP_PUSH, 1); emit(OP_AND); jump(OP_JZ, L_CEVEN);
    emit2(OP_LOAD, 6); emit2(OP_PUSH, 3); emit(OP_MUL); emit2(OP_PUSH, 1); emit(OP_ADD);
    emit2(OP_STORE, 6); jump(OP_JMP, L_CINNER);
    label(L_CEVEN);
    emit2(OP_LOAD, 6); emit2(OP_PUSH, 1); emit(OP_SHR); emit2(OP_STORE, 6);
    jump(OP_JMP, L_CINNER);
    label(L_CNEXT);
    emit(OP_INC); emit(0); emit(1);
    jump(OP_JMP, L_COUTER);
    label(L_CDONE);
    /* result = count * 1000003 + collatz_sum */
    emit2(OP_LOAD, 1); emit2(OP_PUSH, 1000003); emit(OP_MUL); emit2(OP_LOAD, 5); emit(OP_ADD);
    emit(OP_HALT);

    /* is_prime(n): local 0 = n, 1 = d. Leaves 0/1 on the stack. */
    label(F_PRIME);
    emit2(OP_PUSH, 2); emit2(OP_STORE, 1);
    label(L_PLOOP);
    emit2(OP_LOAD, 1); emit(OP_DUP); emit(OP_MUL); emit2(OP_LOAD, 0); emit2(OP_PUSH, 1); emit(OP_ADD);
    emit(OP_LT); jump(OP_JZ, L_PYES); /* d*d < n+1 */
    emit2(OP_LOAD, 0); emit2(OP_LOAD, 1); emit(OP_MOD); jump(OP_JZ, L_PNO);
    emit(OP_INC); emit(1); emit(1);
    jump(OP_JMP, L_PLOOP);
    label(L_PYES);
    emit2(OP_PUSH, 1); emit(OP_RET);
    label(L_PNO);
    emit2(OP_PUSH, 0); emit(OP_RET);
    link();
}

/* The program's size: the benchmark's own, or smaller where `build.sh`
 * builds it for the self-hosting workload (run inside wasmite for WASI). */
#ifndef PRIME_LIMIT
#define PRIME_LIMIT 30000
#endif
#ifndef COLLATZ_LIMIT
#define COLLATZ_LIMIT 5000
#endif

EXPORT("run") u64 run(void) {
    u64 h = MIX_INIT;
    u64 steps;
    assemble(PRIME_LIMIT, COLLATZ_LIMIT);
    i64 r = execute(code, 0, &steps);
    h = mix64(h, (u64)r);
    h = mix64(h, steps);
    return h;
}

/* setjmp/longjmp through Wasm exception handling (clang -mllvm
 * -wasm-enable-sjlj; the runtime is sjlj_rt.c, <setjmp.h> is include/).
 * Prints a fixed transcript and exits 0; `sjlj.stdout` is that transcript. */
#include <setjmp.h>
#include <stdio.h>

#define NOINLINE __attribute__((noinline))

/* Opaque to the optimiser, so the calls below stay real calls. */
static volatile int knob = 1;

/* 1. longjmp across three frames, with a value. */
static jmp_buf deep_buf;

NOINLINE static void deep3(int v) {
    printf("  deep3: longjmp(%d)\n", v);
    longjmp(deep_buf, v);
}
NOINLINE static int deep2(int v) {
    deep3(v + knob);
    printf("  deep2: not reached\n");
    return 2;
}
NOINLINE static int deep1(int v) {
    int r = deep2(v + knob) * 10;
    printf("  deep1: not reached\n");
    return r;
}
static void test_frames(void) {
    printf("1. longjmp across frames\n");
    int r = setjmp(deep_buf);
    if (r == 0) {
        printf("  setjmp returned 0, calling deep1(40)\n");
        deep1(40);
        printf("  not reached\n");
    } else {
        printf("  setjmp returned %d\n", r);
    }
}

/* 2. Nested buffers: an inner setjmp in a callee, jumped to from below it;
 * then a jump to the outer buffer that passes over the inner frame. */
static jmp_buf outer_buf, inner_buf;

NOINLINE static void jump_to(jmp_buf b, const char *name, int v) {
    printf("  longjmp(%s, %d)\n", name, v);
    longjmp(b, v);
}
NOINLINE static int inner(int stage) {
    volatile int visits = 0;
    int r = setjmp(inner_buf);
    visits++;
    printf("  inner setjmp returned %d (visit %d)\n", r, visits);
    if (r == 0)
        jump_to(inner_buf, "inner", 7);
    if (r == 7 && stage == 2)
        jump_to(outer_buf, "outer", 9);
    return r + 100;
}
static void test_nested(void) {
    printf("2. nested setjmp buffers\n");
    volatile int stage = 0;
    int r = setjmp(outer_buf);
    printf("  outer setjmp returned %d (stage %d)\n", r, stage);
    if (r == 0) {
        stage = 1;
        printf("  inner returned %d\n", inner(1));
        stage = 2;
        printf("  inner returned %d\n", inner(2));
        printf("  not reached\n");
    }
    printf("  outer done at stage %d\n", stage);
}

/* 3. longjmp(buf, 0) makes setjmp return 1. */
static jmp_buf zero_buf;

NOINLINE static void jump_zero(void) {
    printf("  longjmp(zero_buf, 0)\n");
    longjmp(zero_buf, 0);
}
static void test_zero(void) {
    printf("3. longjmp with 0\n");
    int r = setjmp(zero_buf);
    if (r == 0) {
        jump_zero();
        printf("  not reached\n");
    } else {
        printf("  setjmp returned %d\n", r);
    }
}

/* 4. Two setjmp calls in one function, each jumped to; then a loop of
 * jumps back to the same setjmp. */
static jmp_buf a_buf, b_buf;

NOINLINE static void jump_ab(int which, int v) {
    if (which == 0)
        longjmp(a_buf, v);
    longjmp(b_buf, v);
}
static void test_two_and_loop(void) {
    printf("4. two setjmps in a frame, and a loop\n");
    volatile int seen = 0;
    int ra = setjmp(a_buf);
    if (ra != 0)
        printf("  a_buf resumed with %d\n", ra);
    if (ra == 0) {
        int rb = setjmp(b_buf);
        if (rb == 0)
            jump_ab(1, 22);
        printf("  b_buf resumed with %d\n", rb);
        jump_ab(0, 11);
    }
    seen = 0;
    volatile long sum = 0;
    jmp_buf loop_buf;
    int v = setjmp(loop_buf);
    sum += v;
    if (seen < 100) {
        seen++;
        longjmp(loop_buf, seen);
    }
    printf("  loop: %d jumps, sum %ld\n", seen, sum);
}

/* 5. A longjmp that never happens: setjmp frames return normally. */
NOINLINE static int no_jump(int x) {
    jmp_buf b;
    if (setjmp(b) != 0)
        return -1;
    return x * 2 + knob;
}
static void test_no_jump(void) {
    printf("5. no longjmp\n");
    printf("  no_jump(20) = %d\n", no_jump(20));
}

int main(void) {
    test_frames();
    test_nested();
    test_zero();
    test_two_and_loop();
    test_no_jump();
    printf("done\n");
    return 0;
}

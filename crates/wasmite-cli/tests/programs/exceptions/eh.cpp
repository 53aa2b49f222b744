// C++ exceptions through Wasm exception handling (clang -fwasm-exceptions).
// No C++ standard library: printf from wasi-libc, an own exception
// hierarchy, and libc++abi's runtime (see README.md). Prints a fixed
// transcript and exits 0; `eh.stdout` is that transcript.
#include <stdio.h>

#define NOINLINE __attribute__((noinline))

// Every Error object ever made, minus those destroyed: the runtime must
// destroy each caught exception when its last handler ends.
static int live_errors = 0;

struct Error {
    int code;
    explicit Error(int c) : code(c) { live_errors++; }
    Error(const Error &o) : code(o.code) { live_errors++; }
    virtual ~Error() { live_errors--; }
    virtual const char *what() const { return "Error"; }
};
struct IoError : Error {
    explicit IoError(int c) : Error(c) {}
    const char *what() const override { return "IoError"; }
};
struct DiskFull : IoError {
    explicit DiskFull(int c) : IoError(c) {}
    const char *what() const override { return "DiskFull"; }
};
struct ParseError : Error {
    int line;
    ParseError(int c, int l) : Error(c), line(l) {}
    const char *what() const override { return "ParseError"; }
};
// A second, non-primary base: catching it needs the thrown pointer adjusted.
struct Located {
    int where;
    explicit Located(int w) : where(w) {}
};
struct SyntaxError : ParseError, Located {
    SyntaxError(int c, int l, int w) : ParseError(c, l), Located(w) {}
    const char *what() const override { return "SyntaxError"; }
};
// Not an Error: only catch(...) takes it.
struct Unrelated {
    int x;
};

// RAII: prints when it is destroyed, also while an exception unwinds.
struct Guard {
    const char *name;
    explicit Guard(const char *n) : name(n) { printf("  enter %s\n", name); }
    ~Guard() { printf("  leave %s\n", name); }
};

// Opaque to the optimiser, so the throws below stay conditional and the
// call chains stay real calls.
static volatile int knob = 1;

NOINLINE static void thrower(int which) {
    switch (which) {
    case 0: throw ParseError(100, 12);
    case 1: throw 42;
    case 2: throw DiskFull(28);
    case 3: throw IoError(5);
    case 4: throw Unrelated{77};
    case 5: throw SyntaxError(3, 4, 56);
    case 6: throw 2.5;
    }
    printf("  thrower(%d) returned\n", which);
}

// 1. A class type caught by its own type.
static void test_class() {
    printf("1. class by type\n");
    try {
        thrower(0);
        printf("  not reached\n");
    } catch (ParseError &e) {
        printf("  caught ParseError code=%d line=%d what=%s\n", e.code, e.line, e.what());
    }
}

// 2. An int.
static void test_int() {
    printf("2. int\n");
    try {
        thrower(1);
    } catch (long) {
        printf("  wrong: long\n");
    } catch (int v) {
        printf("  caught int %d\n", v);
    }
}

// 3. A derived class caught by a base-class reference, virtual what().
static void test_base_ref() {
    printf("3. derived by base reference\n");
    try {
        thrower(2);
    } catch (ParseError &) {
        printf("  wrong: ParseError\n");
    } catch (Error &e) {
        printf("  caught Error& what=%s code=%d\n", e.what(), e.code);
    }
    try {
        thrower(5);
    } catch (Located &l) {
        printf("  caught Located& where=%d\n", l.where);
    }
}

// 4. `throw;` from a nested catch rethrows the same object.
static void test_rethrow() {
    printf("4. rethrow\n");
    try {
        try {
            try {
                thrower(3);
            } catch (DiskFull &) {
                printf("  wrong: DiskFull\n");
            } catch (IoError &e) {
                printf("  inner caught %s code=%d, rethrowing\n", e.what(), e.code);
                e.code = 6;
                throw;
            }
        } catch (Error &e) {
            printf("  middle caught %s code=%d, rethrowing\n", e.what(), e.code);
            e.code = 7;
            throw;
        }
    } catch (IoError &e) {
        printf("  outer caught %s code=%d\n", e.what(), e.code);
    }
}

// 5. Through three frames, each with a destructor that must run.
NOINLINE static int depth3(int which) {
    Guard g("depth3");
    thrower(which);
    return knob;
}
NOINLINE static int depth2(int which) {
    Guard g("depth2");
    int r = depth3(which) + 1;
    printf("  depth2 returns normally\n");
    return r;
}
NOINLINE static int depth1(int which) {
    Guard g("depth1");
    int r = depth2(which) + 1;
    printf("  depth1 returns normally\n");
    return r;
}
static void test_frames() {
    printf("5. unwinding through frames\n");
    try {
        Guard g("try block");
        depth1(2);
    } catch (Error &e) {
        printf("  caught %s after unwinding\n", e.what());
    }
    // No throw: every frame returns normally.
    printf("  depth1(-1) = %d\n", depth1(-1));
}

// 6. catch(...) takes anything, here a type no handler names.
static void test_catch_all() {
    printf("6. catch(...)\n");
    try {
        thrower(4);
    } catch (Error &) {
        printf("  wrong: Error\n");
    } catch (...) {
        printf("  caught something with catch(...)\n");
    }
    // catch(...) that rethrows to a typed handler outside.
    try {
        try {
            thrower(6);
        } catch (...) {
            printf("  catch(...) rethrowing\n");
            throw;
        }
    } catch (double d) {
        printf("  caught double %.2f\n", d);
    }
}

// 7. Not caught by the inner handlers, caught by the outer function.
NOINLINE static void inner_only_parse(int which) {
    Guard g("inner");
    try {
        thrower(which);
    } catch (ParseError &e) {
        printf("  wrong: inner caught %s\n", e.what());
    } catch (int) {
        printf("  wrong: inner caught int\n");
    }
    printf("  inner not reached\n");
}
static void test_outer() {
    printf("7. uncaught inner, caught outer\n");
    try {
        inner_only_parse(3);
    } catch (IoError &e) {
        printf("  outer caught %s code=%d\n", e.what(), e.code);
    }
}

// 8. A new exception thrown from inside a handler replaces the first one.
static void test_throw_in_catch() {
    printf("8. throw from a handler\n");
    try {
        try {
            thrower(1);
        } catch (int v) {
            printf("  caught int %d, throwing ParseError\n", v);
            throw ParseError(v + 1, 0);
        }
    } catch (Error &e) {
        printf("  caught %s code=%d\n", e.what(), e.code);
    }
}

// 9. Many throws in a loop: nothing leaks, the sum is exact.
NOINLINE static int maybe_throw(int i) {
    if (i % 3 == 0) throw IoError(i);
    if (i % 3 == 1) throw i;
    return i * knob;
}
static void test_loop() {
    printf("9. loop\n");
    long sum = 0;
    int caught = 0;
    for (int i = 0; i < 300; i++) {
        try {
            sum += maybe_throw(i);
        } catch (Error &e) {
            sum += 2 * e.code;
            caught++;
        } catch (int v) {
            sum -= v;
            caught++;
        }
    }
    printf("  caught=%d sum=%ld\n", caught, sum);
}

int main() {
    test_class();
    test_int();
    test_base_ref();
    test_rethrow();
    test_frames();
    test_catch_all();
    test_outer();
    test_throw_in_catch();
    test_loop();
    printf("live errors: %d\n", live_errors);
    printf("done\n");
    return 0;
}

// Ways to end: `exit N` calls exit(N), `return N` returns N from main,
// `raw N` calls __wasi_proc_exit(N) directly, `trap` executes `unreachable`.
// Output before exiting must not be lost.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

int main(int argc, char **argv) {
    if (argc < 2)
        return 2;
    int n = argc > 2 ? atoi(argv[2]) : 0;
    printf("before %s\n", argv[1]);
    if (strcmp(argv[1], "exit") == 0)
        exit(n);
    if (strcmp(argv[1], "return") == 0)
        return n;
    if (strcmp(argv[1], "raw") == 0) {
        fflush(stdout);
        __wasi_proc_exit(n);
    }
    if (strcmp(argv[1], "trap") == 0) {
        fflush(stdout);
        __builtin_trap();
    }
    return 100;
}

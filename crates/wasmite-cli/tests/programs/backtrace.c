/* A trap three calls deep, for the backtrace tests (built with its name
 * section, see build.sh): `backtrace.wasm N...` prints the average of the
 * numbers; with none, `divide` (called by `average`, called by `report`,
 * called by `main`) divides by zero. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int divide(int total, int count) {
    return total / count;
}

__attribute__((noinline)) static int average(const int *xs, int n) {
    int total = 0;
    for (int i = 0; i < n; i++)
        total += xs[i];
    return divide(total, n);
}

__attribute__((noinline)) static int report(int argc, char **argv) {
    int xs[8];
    int n = 0;
    for (int i = 1; i < argc && n < 8; i++)
        xs[n++] = atoi(argv[i]);
    return average(xs, n);
}

int main(int argc, char **argv) {
    printf("average: %d\n", report(argc, argv));
    return 0;
}

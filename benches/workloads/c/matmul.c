/* Matrix multiply: a naive i-k-j f64 product and a blocked i32 product.
 * Inner loops are address arithmetic plus one load/multiply/add/store. */
#include "bench.h"

#define N 120
#define REPS 6

static double a[N][N], b[N][N], c[N][N];
static i32 ia[N][N], ib[N][N], ic[N][N];

static void matmul_f64(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) c[i][j] = 0;
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++) {
            double aik = a[i][k];
            for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
        }
}

#define BS 16
static void matmul_i32_blocked(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) ic[i][j] = 0;
    for (int ii = 0; ii < N; ii += BS)
        for (int kk = 0; kk < N; kk += BS)
            for (int jj = 0; jj < N; jj += BS)
                for (int i = ii; i < ii + BS && i < N; i++)
                    for (int k = kk; k < kk + BS && k < N; k++) {
                        i32 aik = ia[i][k];
                        for (int j = jj; j < jj + BS && j < N; j++) ic[i][j] += aik * ib[k][j];
                    }
}

static u64 bits(double d) {
    union { double d; u64 u; } c = {d};
    return c.u;
}

EXPORT("run") u64 run(void) {
    rng_seed(7);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double)(rng_next() % 2001) / 1000.0 - 1.0;
            b[i][j] = (double)(rng_next() % 2001) / 1000.0 - 1.0;
            ia[i][j] = (i32)(rng_next() % 201) - 100;
            ib[i][j] = (i32)(rng_next() % 201) - 100;
        }
    u64 h = MIX_INIT;
    for (int r = 0; r < REPS; r++) {
        matmul_f64();
        matmul_i32_blocked();
        /* feed the result back so repetitions are not identical */
        for (int i = 0; i < N; i++) {
            a[i][(i + r) % N] = c[i][i] * 1e-3;
            ia[i][(i + r) % N] = ic[i][i] & 0xff;
        }
        double trace = 0;
        i64 itrace = 0;
        for (int i = 0; i < N; i++) {
            trace += c[i][N - 1 - i];
            itrace += ic[i][N - 1 - i];
        }
        h = mix64(h, bits(trace));
        h = mix64(h, (u64)itrace);
    }
    return h;
}

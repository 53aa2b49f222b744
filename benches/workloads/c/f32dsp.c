/* f32 signal processing: a 32-tap FIR filter over a 16 K-sample signal
 * (fed back into itself, pass after pass) and a 64x64 matrix product.
 *
 * Built twice from this file: `f32dsp` (plain C) and `f32dsp_simd`
 * (-msimd128, the wasm_simd128.h path: f32x4 splat/mul/add, four outputs
 * per vector). Each SIMD lane computes one output with the same sequence
 * of rounded multiplies and adds, in the same order, as the scalar loop
 * (wasm has no fused multiply-add here, and clang does not reorder float
 * sums without -ffast-math), so both builds compute bit-identical results
 * and the same checksum. */
#include "bench.h"
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define NS 16384
#define TAPS 32
#define PASSES 24
#define N 64
#define MM_REPS 16

static float sig[NS + TAPS], out[NS], noise[NS];
static float lowpass[TAPS];
static float ma[N][N], mb[N][N], mc[N][N];

#ifdef __wasm_simd128__

/* out[n] = sum over k of h[k] * x[n + k], eight outputs per step. */
static void fir(const float *h, const float *x, float *y) {
    for (int n = 0; n < NS; n += 8) {
        v128_t a0 = wasm_f32x4_splat(0.0f), a1 = wasm_f32x4_splat(0.0f);
        for (int k = 0; k < TAPS; k++) {
            v128_t c = wasm_f32x4_splat(h[k]);
            a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(c, wasm_v128_load(x + n + k)));
            a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(c, wasm_v128_load(x + n + k + 4)));
        }
        wasm_v128_store(y + n, a0);
        wasm_v128_store(y + n + 4, a1);
    }
}

/* C = A B, row by row: C[i][j..j+3] += A[i][k] * B[k][j..j+3] in k order. */
static void matmul(void) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j += 4) wasm_v128_store(&mc[i][j], wasm_f32x4_splat(0.0f));
        for (int k = 0; k < N; k++) {
            v128_t a = wasm_f32x4_splat(ma[i][k]);
            for (int j = 0; j < N; j += 4) {
                v128_t c = wasm_v128_load(&mc[i][j]);
                c = wasm_f32x4_add(c, wasm_f32x4_mul(a, wasm_v128_load(&mb[k][j])));
                wasm_v128_store(&mc[i][j], c);
            }
        }
    }
}

/* The next pass's input: the filtered signal plus fresh noise. */
static void feed_back(void) {
    const v128_t g = wasm_f32x4_splat(0.75f);
    for (int n = 0; n < NS; n += 4) {
        v128_t v = wasm_f32x4_mul(g, wasm_v128_load(out + n));
        wasm_v128_store(sig + n, wasm_f32x4_add(v, wasm_v128_load(noise + n)));
    }
}

#else

static void fir(const float *h, const float *x, float *y) {
    for (int n = 0; n < NS; n++) {
        float acc = 0.0f;
        for (int k = 0; k < TAPS; k++) acc += h[k] * x[n + k];
        y[n] = acc;
    }
}

static void matmul(void) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) mc[i][j] = 0.0f;
        for (int k = 0; k < N; k++) {
            float a = ma[i][k];
            for (int j = 0; j < N; j++) mc[i][j] += a * mb[k][j];
        }
    }
}

static void feed_back(void) {
    for (int n = 0; n < NS; n++) sig[n] = 0.75f * out[n] + noise[n];
}

#endif

static u32 bits(float f) {
    union { float f; u32 u; } c = {f};
    return c.u;
}

/* Uniform in [-1, 1), from 24 random bits (exact in f32). */
static float uniform(void) { return (float)(i32)(rng_next() >> 40) / 8388608.0f - 1.0f; }

EXPORT("run") u64 run(void) {
    rng_seed(5);
    /* A windowed-sinc-like low-pass: a triangle of taps summing to 1. */
    float sum = 0.0f;
    for (int k = 0; k < TAPS; k++) {
        int d = k < TAPS / 2 ? k + 1 : TAPS - k;
        lowpass[k] = (float)d;
        sum += lowpass[k];
    }
    for (int k = 0; k < TAPS; k++) lowpass[k] /= sum;
    for (int n = 0; n < NS + TAPS; n++) sig[n] = uniform();
    for (int n = 0; n < NS; n++) noise[n] = 0.25f * uniform();
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            ma[i][j] = uniform();
            mb[i][j] = uniform() * 0.125f;
        }

    u64 h = MIX_INIT;
    for (int p = 0; p < PASSES; p++) {
        fir(lowpass, sig, out);
        feed_back();
        u64 fold = 0;
        for (int n = 0; n < NS; n++) fold += (u64)bits(out[n]) * (u64)(n | 1);
        h = mix64(h, fold);
    }
    for (int r = 0; r < MM_REPS; r++) {
        matmul();
        /* A = C scaled back, so that the next product differs */
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) ma[i][j] = mc[i][j] * 0.5f;
        u64 fold = 0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) fold += (u64)bits(mc[i][j]) * (u64)(i * N + j + 1);
        h = mix64(h, fold);
    }
    return h;
}

/* Image filter on 8-bit greyscale pixels, frame after frame: a separable
 * 5x5 binomial blur ((1 4 6 4 1) across, then down, /256 with rounding),
 * an unsharp mask with saturating u8 arithmetic (sharp = 2*src - blur,
 * clamped to 0..255), and the next frame is the rounded average of blur
 * and sharp.
 *
 * Built twice from this file: `imgblur` (plain C) and `imgblur_simd`
 * (-msimd128, the wasm_simd128.h path: 16 pixels per step, u16 lanes for
 * the sums, u8x16 saturating add/sub, avgr, narrow). Both compute the
 * same pixels and so the same checksum. */
#include "bench.h"
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define W 512
#define H 256
#define PAD 2
#define STRIDE (W + 2 * PAD)
#define ROWS (H + 2 * PAD)
#define FRAMES 24

/* The source frame with PAD replicated pixels on every side. */
static u8 src[ROWS][STRIDE];
/* Horizontal sums (0..16*255) of every padded row. */
static u16 tmp[ROWS][W];
static u8 blur[H][W];
static u8 sharp[H][W];

/* Replicates the edge pixels into the padding. */
static void pad_edges(void) {
    for (int y = PAD; y < PAD + H; y++) {
        u8 *r = src[y];
        for (int p = 0; p < PAD; p++) {
            r[p] = r[PAD];
            r[PAD + W + p] = r[PAD + W - 1];
        }
    }
    for (int p = 0; p < PAD; p++) {
        memcpy(src[p], src[PAD], STRIDE);
        memcpy(src[PAD + H + p], src[PAD + H - 1], STRIDE);
    }
}

#ifdef __wasm_simd128__

/* (1 4 6 4 1) of five u16x8 vectors: a + e + 4*(b + d) + 4*c + 2*c. */
static inline v128_t taps5(v128_t a, v128_t b, v128_t c, v128_t d, v128_t e) {
    v128_t s = wasm_i16x8_add(a, e);
    s = wasm_i16x8_add(s, wasm_i16x8_shl(wasm_i16x8_add(b, d), 2));
    s = wasm_i16x8_add(s, wasm_i16x8_shl(c, 2));
    return wasm_i16x8_add(s, wasm_i16x8_shl(c, 1));
}

static void blur_h(void) {
    for (int y = 0; y < ROWS; y++) {
        const u8 *s = src[y];
        u16 *t = tmp[y];
        for (int x = 0; x < W; x += 16) {
            v128_t p0 = wasm_v128_load(s + x);
            v128_t p1 = wasm_v128_load(s + x + 1);
            v128_t p2 = wasm_v128_load(s + x + 2);
            v128_t p3 = wasm_v128_load(s + x + 3);
            v128_t p4 = wasm_v128_load(s + x + 4);
            v128_t lo = taps5(wasm_u16x8_extend_low_u8x16(p0), wasm_u16x8_extend_low_u8x16(p1),
                              wasm_u16x8_extend_low_u8x16(p2), wasm_u16x8_extend_low_u8x16(p3),
                              wasm_u16x8_extend_low_u8x16(p4));
            v128_t hi = taps5(wasm_u16x8_extend_high_u8x16(p0), wasm_u16x8_extend_high_u8x16(p1),
                              wasm_u16x8_extend_high_u8x16(p2), wasm_u16x8_extend_high_u8x16(p3),
                              wasm_u16x8_extend_high_u8x16(p4));
            wasm_v128_store(t + x, lo);
            wasm_v128_store(t + x + 8, hi);
        }
    }
}

/* Vertical taps over the horizontal sums: at most 16*16*255 = 65280, which
 * still fits a u16 lane; +128 and a logical shift by 8 round it to a pixel. */
static void blur_v(void) {
    const v128_t half = wasm_i16x8_splat(128);
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x += 16) {
            v128_t r[2];
            for (int k = 0; k < 2; k++) {
                int c = x + 8 * k;
                v128_t s = taps5(wasm_v128_load(&tmp[y][c]), wasm_v128_load(&tmp[y + 1][c]),
                                 wasm_v128_load(&tmp[y + 2][c]), wasm_v128_load(&tmp[y + 3][c]),
                                 wasm_v128_load(&tmp[y + 4][c]));
                r[k] = wasm_u16x8_shr(wasm_i16x8_add(s, half), 8);
            }
            wasm_v128_store(&blur[y][x], wasm_u8x16_narrow_i16x8(r[0], r[1]));
        }
    }
}

static void unsharp(void) {
    for (int y = 0; y < H; y++) {
        u8 *s = &src[y + PAD][PAD];
        for (int x = 0; x < W; x += 16) {
            v128_t p = wasm_v128_load(s + x);
            v128_t b = wasm_v128_load(&blur[y][x]);
            /* 2p - b, clamped: p + (p - b)+ - (b - p)+ with saturation */
            v128_t up = wasm_u8x16_sub_sat(p, b);
            v128_t down = wasm_u8x16_sub_sat(b, p);
            v128_t q = wasm_u8x16_sub_sat(wasm_u8x16_add_sat(p, up), down);
            wasm_v128_store(&sharp[y][x], q);
            wasm_v128_store(s + x, wasm_u8x16_avgr(b, q));
        }
    }
}

#else

static void blur_h(void) {
    for (int y = 0; y < ROWS; y++) {
        const u8 *s = src[y];
        u16 *t = tmp[y];
        for (int x = 0; x < W; x++)
            t[x] = (u16)(s[x] + s[x + 4] + 4 * (s[x + 1] + s[x + 3]) + 6 * s[x + 2]);
    }
}

static void blur_v(void) {
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            u32 s = tmp[y][x] + tmp[y + 4][x] + 4 * (tmp[y + 1][x] + tmp[y + 3][x]) +
                    6 * tmp[y + 2][x];
            blur[y][x] = (u8)((s + 128) >> 8);
        }
}

static void unsharp(void) {
    for (int y = 0; y < H; y++) {
        u8 *s = &src[y + PAD][PAD];
        for (int x = 0; x < W; x++) {
            int p = s[x], b = blur[y][x];
            int q = 2 * p - b;
            q = q < 0 ? 0 : q > 255 ? 255 : q;
            sharp[y][x] = (u8)q;
            s[x] = (u8)((b + q + 1) >> 1);
        }
    }
}

#endif

static u64 load64(const u8 *p) {
    u64 v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

EXPORT("run") u64 run(void) {
    rng_seed(11);
    /* Gradients, stripes and noise: edges for the filter to soften and sharpen. */
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            u32 v = (u32)(x + 2 * y) + (((x >> 5) ^ (y >> 4)) & 1) * 96 + (u32)(rng_next() & 31);
            src[y + PAD][x + PAD] = (u8)(v > 255 ? 510 - v : v);
        }
    u64 h = MIX_INIT;
    for (int f = 0; f < FRAMES; f++) {
        pad_edges();
        blur_h();
        blur_v();
        unsharp();
        h = mix64(h, load64(&sharp[(f * 37) % H][(f * 64) % W]));
        h = mix64(h, load64(&blur[(f * 53) % H][(f * 128) % W]));
    }
    /* Fold the final frames: sums of 64-bit words, row by row. */
    for (int y = 0; y < H; y++) {
        u64 a = 0, b = 0;
        for (int x = 0; x < W; x += 8) {
            a += load64(&sharp[y][x]) * (u64)(x + 1);
            b ^= load64(&src[y + PAD][PAD + x]) + (u64)x;
        }
        h = mix64(h, a);
        h = mix64(h, b);
    }
    return h;
}

/* Byte and text processing over 128 KiB of generated text: hex-encode it,
 * find every line break, and find every occurrence of a few words (first
 * and last byte as a filter, then a compare of the rest).
 *
 * Built twice from this file: `textscan` (plain C) and `textscan_simd`
 * (-msimd128, the wasm_simd128.h path: i8x16.swizzle as a nibble table and
 * shuffles to interleave the hex digits; i8x16.eq + bitmask + ctz to find
 * bytes and word candidates 16 positions at a time). Both find the same
 * things in the same order and so compute the same checksum. */
#include "bench.h"
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define LEN (128 * 1024)
#define REPS 18

static u8 text[LEN + 64];
static u8 hex[2 * LEN];
static const char DIGITS[16] = "0123456789abcdef";

static const char *const WORDS[] = {
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "with", "on", "not",
    "this", "are", "from", "which", "have", "they", "their", "there", "would", "memory",
    "module", "function", "benchmark", "instance", "register", "dispatch", "checksum",
};
#define NWORDS (sizeof WORDS / sizeof WORDS[0])

static const char *const NEEDLES[] = {"function", "memory", "the ", "checksum\n", "ing"};
#define NNEEDLES (sizeof NEEDLES / sizeof NEEDLES[0])

static size_t length(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

static int same(const u8 *a, const u8 *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* Pseudo-prose: skewed word choice, some numbers, punctuation, newlines. */
static void gen_text(void) {
    size_t p = 0;
    while (p < LEN) {
        u64 r = rng_next();
        char num[8];
        const char *w;
        if ((r & 15) == 0) {
            u32 v = (u32)(r >> 8) % 10000;
            int n = 0;
            do {
                num[n++] = (char)('0' + v % 10);
                v /= 10;
            } while (v);
            num[n] = 0;
            w = num;
        } else {
            size_t a = (r >> 8) % NWORDS, b = (r >> 20) % NWORDS;
            w = WORDS[a < b ? a : b];
        }
        while (*w && p < LEN) text[p++] = (u8)*w++;
        if (p < LEN) text[p++] = ((r >> 40) & 7) == 0 ? '\n' : ((r >> 44) & 7) == 0 ? '.' : ' ';
    }
}

#ifdef __wasm_simd128__

static void hex_encode(const u8 *in, size_t n, u8 *o) {
    const v128_t table = wasm_v128_load(DIGITS);
    const v128_t low4 = wasm_i8x16_splat(0x0f);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        v128_t v = wasm_v128_load(in + i);
        v128_t hi = wasm_i8x16_swizzle(table, wasm_u8x16_shr(v, 4));
        v128_t lo = wasm_i8x16_swizzle(table, wasm_v128_and(v, low4));
        wasm_v128_store(o + 2 * i, wasm_i8x16_shuffle(hi, lo, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5,
                                                      21, 6, 22, 7, 23));
        wasm_v128_store(o + 2 * i + 16, wasm_i8x16_shuffle(hi, lo, 8, 24, 9, 25, 10, 26, 11, 27,
                                                           12, 28, 13, 29, 14, 30, 15, 31));
    }
    for (; i < n; i++) {
        o[2 * i] = (u8)DIGITS[in[i] >> 4];
        o[2 * i + 1] = (u8)DIGITS[in[i] & 15];
    }
}

/* Every position of byte `c`: count and a hash of the positions. */
static u64 find_byte(const u8 *s, size_t n, u8 c, u32 *count) {
    const v128_t needle = wasm_i8x16_splat((signed char)c);
    u64 h = 0;
    u32 k = 0;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        u32 m = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(s + i), needle));
        while (m) {
            size_t at = i + (size_t)__builtin_ctz(m);
            h = h * 31 + at;
            k++;
            m &= m - 1;
        }
    }
    for (; i < n; i++)
        if (s[i] == c) {
            h = h * 31 + i;
            k++;
        }
    *count = k;
    return h;
}

/* Every occurrence of `w` (length m >= 2) in s[0..n). */
static u64 find_word(const u8 *s, size_t n, const u8 *w, size_t m, u32 *count) {
    const v128_t first = wasm_i8x16_splat((signed char)w[0]);
    const v128_t last = wasm_i8x16_splat((signed char)w[m - 1]);
    u64 h = 0;
    u32 k = 0;
    size_t i = 0;
    size_t end = n - m + 1; /* candidate starts are 0..end-1 */
    for (; i + 16 <= end; i += 16) {
        v128_t a = wasm_i8x16_eq(wasm_v128_load(s + i), first);
        v128_t b = wasm_i8x16_eq(wasm_v128_load(s + i + m - 1), last);
        u32 mask = wasm_i8x16_bitmask(wasm_v128_and(a, b));
        while (mask) {
            size_t at = i + (size_t)__builtin_ctz(mask);
            if (same(s + at + 1, w + 1, m - 2)) {
                h = h * 31 + at;
                k++;
            }
            mask &= mask - 1;
        }
    }
    for (; i < end; i++)
        if (s[i] == w[0] && s[i + m - 1] == w[m - 1] && same(s + i + 1, w + 1, m - 2)) {
            h = h * 31 + i;
            k++;
        }
    *count = k;
    return h;
}

#else

static void hex_encode(const u8 *in, size_t n, u8 *o) {
    for (size_t i = 0; i < n; i++) {
        o[2 * i] = (u8)DIGITS[in[i] >> 4];
        o[2 * i + 1] = (u8)DIGITS[in[i] & 15];
    }
}

static u64 find_byte(const u8 *s, size_t n, u8 c, u32 *count) {
    u64 h = 0;
    u32 k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == c) {
            h = h * 31 + i;
            k++;
        }
    *count = k;
    return h;
}

static u64 find_word(const u8 *s, size_t n, const u8 *w, size_t m, u32 *count) {
    u64 h = 0;
    u32 k = 0;
    size_t end = n - m + 1;
    for (size_t i = 0; i < end; i++)
        if (s[i] == w[0] && s[i + m - 1] == w[m - 1] && same(s + i + 1, w + 1, m - 2)) {
            h = h * 31 + i;
            k++;
        }
    *count = k;
    return h;
}

#endif

EXPORT("run") u64 run(void) {
    rng_seed(3);
    gen_text();
    u64 h = MIX_INIT;
    for (int r = 0; r < REPS; r++) {
        /* A different text each round: a few bytes change. */
        for (int j = 0; j < 8; j++) text[rng_next() % LEN] = (u8)"\n .e"[j & 3];
        hex_encode(text, LEN, hex);
        u64 fold = 0;
        for (size_t i = 0; i < 2 * LEN; i += 8) {
            u64 v = 0;
            for (int b = 7; b >= 0; b--) v = v << 8 | hex[i + (size_t)b];
            fold += v * (u64)(i + 1);
        }
        h = mix64(h, fold);
        u32 k;
        h = mix64(h, find_byte(text, LEN, '\n', &k));
        h = mix64(h, k);
        h = mix64(h, find_byte(hex, 2 * LEN, 'a', &k));
        h = mix64(h, k);
        for (size_t j = 0; j < NNEEDLES; j++) {
            const u8 *w = (const u8 *)NEEDLES[j];
            h = mix64(h, find_word(text, LEN, w, length(NEEDLES[j]), &k));
            h = mix64(h, k);
        }
    }
    return h;
}

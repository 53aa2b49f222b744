/* Shared helpers for the freestanding C workloads (wasm32, no libc).
 *
 * Every workload exports `unsigned long long run(void)`: it does all of its
 * work in that call and returns a checksum that the runner compares across
 * engines. The compiler may emit calls to memcpy/memset for struct copies and
 * zeroing loops, so they are defined here (once per program). */
#ifndef BENCH_H
#define BENCH_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed short i16;
typedef int i32;
typedef long long i64;
typedef unsigned long size_t;

#define EXPORT(name) __attribute__((export_name(name)))

void *memcpy(void *dst, const void *src, size_t n) {
    u8 *d = dst;
    const u8 *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, size_t n) {
    u8 *d = dst;
    while (n--) *d++ = (u8)c;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    u8 *d = dst;
    const u8 *s = src;
    if (d < s) {
        while (n--) *d++ = *s++;
    } else {
        d += n;
        s += n;
        while (n--) *--d = *--s;
    }
    return dst;
}

/* xorshift64*: a small deterministic generator for test data. */
static u64 rng_state = 0x9E3779B97F4A7C15ull;
static inline u64 rng_next(void) {
    u64 x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}
static inline void rng_seed(u64 s) { rng_state = s ? s : 1; }

/* FNV-1a over 64-bit words, to fold results into one checksum. */
static inline u64 mix64(u64 h, u64 v) {
    for (int i = 0; i < 8; i++) {
        h ^= (v >> (i * 8)) & 0xff;
        h *= 0x100000001B3ull;
    }
    return h;
}
#define MIX_INIT 0xCBF29CE484222325ull

#endif

/* SHA-256 (FIPS 180-4) over a generated buffer, chained several times.
 * Exercises 32-bit rotates, adds and loads in a hot unrolled-ish loop. */
#include "bench.h"

static const u32 K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

typedef struct {
    u32 h[8];
    u8 buf[64];
    u32 fill;
    u64 total;
} sha256;

static inline u32 ror(u32 x, int n) { return (x >> n) | (x << (32 - n)); }

static void block(sha256 *s, const u8 *p) {
    u32 w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        u32 s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        u32 s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    u32 a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3];
    u32 e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
    for (int i = 0; i < 64; i++) {
        u32 t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        u32 t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
    s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

static void init(sha256 *s) {
    static const u32 iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (int i = 0; i < 8; i++) s->h[i] = iv[i];
    s->fill = 0;
    s->total = 0;
}

static void update(sha256 *s, const u8 *p, u32 n) {
    s->total += n;
    while (n) {
        if (s->fill == 0 && n >= 64) {
            block(s, p);
            p += 64;
            n -= 64;
            continue;
        }
        u32 take = 64 - s->fill;
        if (take > n) take = n;
        memcpy(s->buf + s->fill, p, take);
        s->fill += take;
        p += take;
        n -= take;
        if (s->fill == 64) {
            block(s, s->buf);
            s->fill = 0;
        }
    }
}

static void final(sha256 *s, u8 out[32]) {
    u64 bits = s->total * 8;
    u8 pad = 0x80;
    update(s, &pad, 1);
    u8 zero = 0;
    while (s->fill != 56) update(s, &zero, 1);
    u8 len[8];
    for (int i = 0; i < 8; i++) len[i] = (u8)(bits >> (56 - 8 * i));
    update(s, len, 8);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (u8)(s->h[i] >> 24);
        out[4 * i + 1] = (u8)(s->h[i] >> 16);
        out[4 * i + 2] = (u8)(s->h[i] >> 8);
        out[4 * i + 3] = (u8)s->h[i];
    }
}

#define DATA_LEN (256 * 1024)
#define ROUNDS 8
static u8 data[DATA_LEN];

EXPORT("run") u64 run(void) {
    /* Known-answer check: SHA-256("abc"). */
    static const u8 abc_digest[4] = {0xba, 0x78, 0x16, 0xbf};
    sha256 s;
    u8 digest[32];
    init(&s);
    update(&s, (const u8 *)"abc", 3);
    final(&s, digest);
    for (int i = 0; i < 4; i++)
        if (digest[i] != abc_digest[i]) return 0;

    rng_seed(42);
    for (u32 i = 0; i < DATA_LEN; i += 8) {
        u64 r = rng_next();
        for (int j = 0; j < 8; j++) data[i + j] = (u8)(r >> (8 * j));
    }
    u64 h = MIX_INIT;
    for (int r = 0; r < ROUNDS; r++) {
        init(&s);
        update(&s, digest, 32);
        update(&s, data, DATA_LEN - r * 7);
        final(&s, digest);
        for (int i = 0; i < 32; i += 8) {
            u64 v = 0;
            for (int j = 0; j < 8; j++) v = v << 8 | digest[i + j];
            h = mix64(h, v);
        }
    }
    return h;
}

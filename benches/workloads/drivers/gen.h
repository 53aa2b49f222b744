/* Deterministic test data for the WASI drivers: pseudo-English text with
 * numbers and punctuation, compressible like real logs or prose. */
#ifndef GEN_H
#define GEN_H
#include <stddef.h>
#include <stdint.h>

static uint64_t gen_state = 0x243F6A8885A308D3ull;

static uint64_t gen_next(void) {
    uint64_t x = gen_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    gen_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static void gen_text(unsigned char *buf, size_t len) {
    static const char *words[] = {
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with",
        "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but",
        "have", "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her",
        "has", "there", "been", "if", "more", "when", "will", "would", "who", "so", "no",
        "interpreter", "module", "function", "memory", "table", "instance", "benchmark",
        "compression", "checksum", "webassembly", "register", "dispatch", "request", "status",
    };
    const size_t nwords = sizeof words / sizeof words[0];
    size_t p = 0;
    while (p < len) {
        uint64_t r = gen_next();
        const char *w;
        char num[24];
        if ((r & 31) == 0) {
            /* a number, e.g. a timestamp or an id */
            uint64_t v = (r >> 8) % 100000;
            int n = 0;
            char tmp[24];
            do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
            for (int i = 0; i < n; i++) num[i] = tmp[n - 1 - i];
            num[n] = 0;
            w = num;
        } else {
            /* skewed word choice: low indices are much more frequent */
            size_t a = (r >> 8) % nwords, b = (r >> 20) % nwords;
            w = words[a < b ? a : b];
        }
        while (*w && p < len) buf[p++] = (unsigned char)*w++;
        if (p < len) buf[p++] = ((r >> 40) & 15) == 0 ? '.' : ((r >> 44) & 63) == 0 ? '\n' : ' ';
    }
}

static uint64_t fnv1a(const unsigned char *p, size_t n) {
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001B3ull;
    }
    return h;
}
#endif

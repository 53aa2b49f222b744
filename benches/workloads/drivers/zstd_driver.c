/* zstd workload: compress a generated text buffer at two levels, decompress
 * it again, check the round trip and print sizes and a hash of the frames. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>
#include "gen.h"

#define INPUT_LEN (1u << 20)

int main(void) {
    unsigned char *input = malloc(INPUT_LEN);
    size_t cap = ZSTD_compressBound(INPUT_LEN);
    unsigned char *frame = malloc(cap);
    unsigned char *output = malloc(INPUT_LEN);
    if (!input || !frame || !output) return 2;
    gen_text(input, INPUT_LEN);

    static const int levels[] = {1, 5};
    for (int i = 0; i < 2; i++) {
        size_t n = ZSTD_compress(frame, cap, input, INPUT_LEN, levels[i]);
        if (ZSTD_isError(n)) {
            printf("compress error: %s\n", ZSTD_getErrorName(n));
            return 1;
        }
        size_t m = ZSTD_decompress(output, INPUT_LEN, frame, n);
        if (ZSTD_isError(m) || m != INPUT_LEN || memcmp(input, output, INPUT_LEN) != 0) {
            printf("round trip failed at level %d\n", levels[i]);
            return 1;
        }
        printf("level %d: %u -> %zu bytes, frame hash %016llx\n", levels[i], INPUT_LEN, n,
               (unsigned long long)fnv1a(frame, n));
    }
    return 0;
}

/* zlib workload: deflate a generated text buffer at levels 1 and 6 through
 * the streaming API, inflate it again, check the round trip, print sizes and
 * CRC-32/Adler-32 of the compressed streams. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "gen.h"

#define INPUT_LEN (1u << 19)

static size_t deflate_all(int level, const unsigned char *in, size_t n, unsigned char *out, size_t cap) {
    z_stream s;
    memset(&s, 0, sizeof s);
    if (deflateInit(&s, level) != Z_OK) return 0;
    s.next_in = (unsigned char *)in;
    s.avail_in = (uInt)n;
    s.next_out = out;
    s.avail_out = (uInt)cap;
    int rc = deflate(&s, Z_FINISH);
    size_t total = s.total_out;
    deflateEnd(&s);
    return rc == Z_STREAM_END ? total : 0;
}

static size_t inflate_all(const unsigned char *in, size_t n, unsigned char *out, size_t cap) {
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit(&s) != Z_OK) return 0;
    s.next_in = (unsigned char *)in;
    s.avail_in = (uInt)n;
    /* inflate in 64 KiB chunks of output, as a streaming consumer would */
    size_t done = 0;
    int rc = Z_OK;
    while (rc == Z_OK) {
        s.next_out = out + done;
        size_t chunk = cap - done < 65536 ? cap - done : 65536;
        s.avail_out = (uInt)chunk;
        rc = inflate(&s, Z_NO_FLUSH);
        done += chunk - s.avail_out;
        if (done == cap && rc == Z_OK) break;
    }
    inflateEnd(&s);
    return rc == Z_STREAM_END ? done : 0;
}

int main(void) {
    unsigned char *input = malloc(INPUT_LEN);
    size_t cap = compressBound(INPUT_LEN);
    unsigned char *stream = malloc(cap);
    unsigned char *output = malloc(INPUT_LEN);
    if (!input || !stream || !output) return 2;
    gen_text(input, INPUT_LEN);

    static const int levels[] = {1, 6};
    for (int i = 0; i < 2; i++) {
        size_t n = deflate_all(levels[i], input, INPUT_LEN, stream, cap);
        size_t m = n ? inflate_all(stream, n, output, INPUT_LEN) : 0;
        if (!n || m != INPUT_LEN || memcmp(input, output, INPUT_LEN) != 0) {
            printf("round trip failed at level %d\n", levels[i]);
            return 1;
        }
        printf("level %d: %u -> %zu bytes, crc32 %08lx adler32 %08lx\n", levels[i], INPUT_LEN, n,
               crc32(0, stream, (uInt)n), adler32(1, stream, (uInt)n));
    }
    return 0;
}

/* A CoreMark-style mix, written from scratch for this suite: per iteration it
 * manipulates a linked list (find, reverse, merge sort by two keys), runs
 * integer matrix kernels (add, scale, matrix-vector, matrix-matrix, bit
 * extraction), drives a switch-based state machine over a text buffer of
 * number-like tokens, and folds every result into a bitwise CRC-16. */
#include "bench.h"

#define ITERATIONS 600

/* ---- CRC-16 (reflected 0x8005 polynomial, bit at a time) ---- */
static u16 crc8(u8 data, u16 crc) {
    for (int i = 0; i < 8; i++) {
        u8 bit = (data ^ (u8)crc) & 1;
        data >>= 1;
        crc >>= 1;
        if (bit) crc ^= 0xA001;
    }
    return crc;
}
static u16 crc16(i16 v, u16 crc) {
    crc = crc8((u8)v, crc);
    return crc8((u8)((u16)v >> 8), crc);
}
static u16 crc32w(u32 v, u16 crc) {
    crc = crc16((i16)v, crc);
    return crc16((i16)(v >> 16), crc);
}

/* ---- linked list ---- */
typedef struct node {
    struct node *next;
    i16 idx;
    i16 value;
} node;

#define LIST_LEN 160
static node pool[LIST_LEN];

static node *list_build(u16 seed) {
    node *head = 0;
    for (int i = LIST_LEN - 1; i >= 0; i--) {
        node *n = &pool[i];
        n->idx = (i16)i;
        n->value = (i16)((seed ^ (i * 0x9E37)) & 0x7fff);
        n->value ^= (i16)(n->value >> 5);
        n->next = head;
        head = n;
    }
    return head;
}

static node *list_find(node *l, i16 value, i16 idx) {
    for (; l; l = l->next) {
        if (idx >= 0 && l->idx == idx) return l;
        if (idx < 0 && (l->value & 0xff) == (value & 0xff)) return l;
    }
    return 0;
}

static node *list_reverse(node *l) {
    node *prev = 0;
    while (l) {
        node *next = l->next;
        l->next = prev;
        prev = l;
        l = next;
    }
    return prev;
}

static int cmp_value(const node *a, const node *b) { return a->value - b->value; }
static int cmp_idx(const node *a, const node *b) { return a->idx - b->idx; }

/* Bottom-up merge sort of a singly linked list. */
static node *list_sort(node *l, int (*cmp)(const node *, const node *)) {
    int width = 1;
    for (;;) {
        node *p = l, *tail = 0;
        l = 0;
        int merges = 0;
        while (p) {
            merges++;
            node *q = p;
            int psize = 0;
            for (int i = 0; i < width && q; i++) {
                psize++;
                q = q->next;
            }
            int qsize = width;
            while (psize > 0 || (qsize > 0 && q)) {
                node *e;
                if (psize == 0) {
                    e = q; q = q->next; qsize--;
                } else if (qsize == 0 || !q || cmp(p, q) <= 0) {
                    e = p; p = p->next; psize--;
                } else {
                    e = q; q = q->next; qsize--;
                }
                if (tail) tail->next = e; else l = e;
                tail = e;
            }
            p = q;
        }
        tail->next = 0;
        if (merges <= 1) return l;
        width *= 2;
    }
}

static u16 bench_list(u16 seed, u16 crc) {
    node *l = list_build(seed);
    for (int i = 0; i < 8; i++) {
        node *f = list_find(l, (i16)(seed + i * 17), (i16)(i & 1 ? -1 : (i * 13) % LIST_LEN));
        crc = crc16(f ? f->value : (i16)-1, crc);
        l = list_reverse(l);
    }
    l = list_sort(l, cmp_value);
    crc = crc16(l->value, crc);
    /* remove every 7th element, then restore order by index */
    int n = 0;
    for (node *p = l; p && p->next; p = p->next)
        if (++n % 7 == 0) p->next = p->next->next;
    l = list_sort(l, cmp_idx);
    for (node *p = l; p; p = p->next) crc = crc16(p->value ^ p->idx, crc);
    return crc;
}

/* ---- matrices ---- */
#define M 20
static i16 ma[M][M], mb[M][M];
static i32 mc[M][M];
static i32 vec[M];

static i32 mat_sum(i32 clip) {
    i32 tmp = 0, ret = 0, prev = 0;
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            i32 cur = mc[i][j];
            tmp += cur;
            if (tmp > clip) {
                ret += 10;
                tmp = 0;
            } else {
                ret += cur > prev ? 1 : 0;
            }
            prev = cur;
        }
    return ret;
}

static u16 bench_matrix(u16 seed, u16 crc) {
    u32 s = seed | 1u;
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            s = s * 1103515245u + 12345u;
            ma[i][j] = (i16)((s >> 16) & 0x3ff);
            s = s * 1103515245u + 12345u;
            mb[i][j] = (i16)((s >> 16) & 0x3ff) - 0x200;
        }
    i16 k = (i16)(seed & 0xf) + 3;
    /* add constant */
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) ma[i][j] += k;
    /* scale into C */
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) mc[i][j] = (i32)ma[i][j] * k;
    crc = crc16((i16)mat_sum(0x1000), crc);
    /* matrix * vector */
    for (int i = 0; i < M; i++) {
        i32 acc = 0;
        for (int j = 0; j < M; j++) acc += (i32)ma[i][j] * mb[j][i];
        vec[i] = acc;
        crc = crc32w((u32)acc, crc);
    }
    /* matrix * matrix */
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            i32 acc = 0;
            for (int x = 0; x < M; x++) acc += (i32)ma[i][x] * mb[x][j];
            mc[i][j] = acc;
        }
    crc = crc16((i16)mat_sum(0x20000), crc);
    /* matrix * matrix with bit extraction */
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            i32 acc = 0;
            for (int x = 0; x < M; x++) {
                i32 t = (i32)ma[i][x] * mb[x][j];
                acc += ((t >> 2) & 0xf) * ((t >> 5) & 0x7f);
            }
            mc[i][j] = acc;
        }
    crc = crc16((i16)mat_sum(0x4000), crc);
    return crc;
}

/* ---- state machine ---- */
enum state { S_START, S_INT, S_SIGN, S_FLOAT, S_EXP, S_EXP_SIGN, S_SCI, S_INVALID, S_COUNT };

#define TEXT_LEN 1200
static u8 text[TEXT_LEN];

static void text_build(u16 seed) {
    static const char *tokens[] = {"5012", "1234", "-874", "+122", "35.54400", ".1234500", "-110.700",
                                   "+0.64400", "5.500e+3", "-.123e-2", "-87e+832", "+0.6e-12",
                                   "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^"};
    u32 s = seed;
    int p = 0;
    while (p < TEXT_LEN - 10) {
        s = s * 1664525u + 1013904223u;
        const char *t = tokens[(s >> 24) & 15];
        while (*t) text[p++] = (u8)*t++;
        text[p++] = ',';
    }
    text[p] = 0;
}

static int is_digit(u8 c) { return c >= '0' && c <= '9'; }

static enum state next_token(const u8 **pp, u32 transitions[S_COUNT]) {
    const u8 *p = *pp;
    enum state st = S_START;
    for (; *p && st != S_INVALID; p++) {
        u8 c = *p;
        if (c == ',') {
            p++;
            break;
        }
        enum state prev = st;
        switch (st) {
        case S_START:
            if (is_digit(c)) st = S_INT;
            else if (c == '+' || c == '-') st = S_SIGN;
            else if (c == '.') st = S_FLOAT;
            else st = S_INVALID;
            break;
        case S_SIGN:
            if (is_digit(c)) st = S_INT;
            else if (c == '.') st = S_FLOAT;
            else st = S_INVALID;
            break;
        case S_INT:
            if (c == '.') st = S_FLOAT;
            else if (c == 'e' || c == 'E') st = S_EXP;
            else if (!is_digit(c)) st = S_INVALID;
            break;
        case S_FLOAT:
            if (c == 'e' || c == 'E') st = S_EXP;
            else if (!is_digit(c)) st = S_INVALID;
            break;
        case S_EXP:
            if (c == '+' || c == '-') st = S_EXP_SIGN;
            else st = S_INVALID;
            break;
        case S_EXP_SIGN:
            if (is_digit(c)) st = S_SCI;
            else st = S_INVALID;
            break;
        case S_SCI:
            if (!is_digit(c)) st = S_INVALID;
            break;
        default:
            break;
        }
        if (st != prev) transitions[st]++;
    }
    /* skip the rest of an invalid token */
    while (*p && p[-1] != ',') p++;
    *pp = p;
    return st;
}

static u16 bench_state(u16 seed, u16 crc) {
    u32 finals[S_COUNT] = {0}, transitions[S_COUNT] = {0};
    text_build(seed);
    for (int pass = 0; pass < 2; pass++) {
        const u8 *p = text;
        while (*p) finals[next_token(&p, transitions)]++;
        /* corrupt every 13th byte for the second pass */
        for (int i = seed % 13; i < TEXT_LEN && text[i]; i += 13) text[i] ^= (u8)(pass + 1);
    }
    for (int i = 0; i < S_COUNT; i++) {
        crc = crc32w(finals[i], crc);
        crc = crc32w(transitions[i], crc);
    }
    return crc;
}

EXPORT("run") u64 run(void) {
    u16 crc = 0;
    u64 h = MIX_INIT;
    for (int it = 0; it < ITERATIONS; it++) {
        u16 seed = (u16)(it * 0x3141 + 0x66);
        u16 c1 = bench_list(seed, crc);
        u16 c2 = bench_matrix(seed, c1);
        u16 c3 = bench_state(seed, c2);
        crc = c3;
        h = mix64(h, ((u64)c1 << 32) | ((u64)c2 << 16) | c3);
    }
    return h;
}

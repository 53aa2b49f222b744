// Freestanding C for wasm64 (memory64): pointers and size_t are 64-bit, and
// every load and store takes an i64 address. Builds a linked list of N
// nodes holding a permutation of 0..N-1, merge-sorts it by relinking the
// pointers, and returns sum(i * value_i) over the sorted list, which is
// sum(i^2) = (N-1)N(2N-1)/6 exactly when the sort is right.
//
//   clang-19 --target=wasm64-unknown-unknown -O2 -nostdlib \
//     -Wl,--no-entry -Wl,--export=run -Wl,--export=pointer_size -o wasm64.wasm wasm64.c
#include <stddef.h>
#include <stdint.h>

#define N 100000

struct node {
    struct node *next;
    uint64_t value;
};

static struct node pool[N];

static struct node *merge(struct node *a, struct node *b) {
    struct node head, *tail = &head;
    while (a && b) {
        if (a->value <= b->value) {
            tail->next = a;
            a = a->next;
        } else {
            tail->next = b;
            b = b->next;
        }
        tail = tail->next;
    }
    tail->next = a ? a : b;
    return head.next;
}

static struct node *sort(struct node *list) {
    if (!list || !list->next) return list;
    // Split at the middle (slow/fast pointers).
    struct node *slow = list, *fast = list->next;
    while (fast && fast->next) {
        slow = slow->next;
        fast = fast->next->next;
    }
    struct node *second = slow->next;
    slow->next = NULL;
    return merge(sort(list), sort(second));
}

uint64_t pointer_size(void) { return sizeof(void *) * 8 + sizeof(size_t); }

uint64_t run(void) {
    for (uint64_t i = 0; i < N; i++) {
        pool[i].value = (i * 7919) % N; // 7919 is prime: a permutation
        pool[i].next = i + 1 < N ? &pool[i + 1] : NULL;
    }
    struct node *list = sort(&pool[0]);
    uint64_t sum = 0, i = 0;
    for (struct node *p = list; p; p = p->next) sum += i++ * p->value;
    return i == N ? sum : 0;
}

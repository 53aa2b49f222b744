/* Sorting: quicksort (median of three, insertion sort for small ranges),
 * heapsort and a bottom-up merge sort on the same pseudo-random data. */
#include "bench.h"

#define LEN 100000
static i32 input[LEN], work[LEN], tmp[LEN];

static void insertion(i32 *v, int lo, int hi) {
    for (int i = lo + 1; i <= hi; i++) {
        i32 x = v[i];
        int j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static void swap(i32 *v, int i, int j) {
    i32 t = v[i];
    v[i] = v[j];
    v[j] = t;
}

static void quicksort(i32 *v, int lo, int hi) {
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo]) swap(v, mid, lo);
        if (v[hi] < v[lo]) swap(v, hi, lo);
        if (v[hi] < v[mid]) swap(v, hi, mid);
        i32 pivot = v[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) {
                swap(v, i, j);
                i++;
                j--;
            }
        }
        /* recurse into the smaller half, loop on the larger */
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
    insertion(v, lo, hi);
}

static void sift_down(i32 *v, int root, int n) {
    for (;;) {
        int child = 2 * root + 1;
        if (child >= n) return;
        if (child + 1 < n && v[child + 1] > v[child]) child++;
        if (v[root] >= v[child]) return;
        swap(v, root, child);
        root = child;
    }
}

static void heapsort(i32 *v, int n) {
    for (int i = n / 2 - 1; i >= 0; i--) sift_down(v, i, n);
    for (int end = n - 1; end > 0; end--) {
        swap(v, 0, end);
        sift_down(v, 0, end);
    }
}

static void mergesort(i32 *v, int n) {
    i32 *src = v, *dst = tmp;
    for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
            int mid = lo + width < n ? lo + width : n;
            int hi = lo + 2 * width < n ? lo + 2 * width : n;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi) dst[k++] = src[i] <= src[j] ? src[i++] : src[j++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        i32 *t = src;
        src = dst;
        dst = t;
    }
    if (src != v) memcpy(v, src, (size_t)n * sizeof(i32));
}

static u64 digest(const i32 *v, int n, u64 h) {
    for (int i = 1; i < n; i++)
        if (v[i - 1] > v[i]) return 0; /* not sorted: poison the checksum */
    for (int i = 0; i < n; i += 97) h = mix64(h, (u64)(u32)v[i]);
    return h;
}

EXPORT("run") u64 run(void) {
    rng_seed(2024);
    for (int i = 0; i < LEN; i++) input[i] = (i32)(rng_next() >> 33) - (1 << 30);
    u64 h = MIX_INIT;
    memcpy(work, input, sizeof input);
    quicksort(work, 0, LEN - 1);
    h = digest(work, LEN, h);
    memcpy(work, input, sizeof input);
    heapsort(work, LEN);
    h = digest(work, LEN, h);
    memcpy(work, input, sizeof input);
    mergesort(work, LEN);
    h = digest(work, LEN, h);
    return h;
}

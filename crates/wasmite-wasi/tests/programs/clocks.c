// Clocks, sleeping, poll_oneoff, sched_yield and randomness. Prints the
// realtime clock in seconds (the test compares it with the host's), then
// `label: ok` or `label: FAIL ...` lines.
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>


static int failures;

static void check(const char *label, int ok, const char *detail, long long value) {
    if (ok) {
        printf("%s: ok\n", label);
    } else {
        printf("%s: FAIL %s %lld\n", label, detail, value);
        failures++;
    }
}

static uint64_t now(__wasi_clockid_t id) {
    __wasi_timestamp_t t = 0;
    if (__wasi_clock_time_get(id, 1, &t) != 0)
        return 0;
    return t;
}

int main(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("realtime %lld\n", (long long)ts.tv_sec);
    check("time() agrees", time(NULL) - ts.tv_sec <= 1, "diff", time(NULL) - ts.tv_sec);

    __wasi_timestamp_t res;
    check("realtime resolution", __wasi_clock_res_get(__WASI_CLOCKID_REALTIME, &res) == 0 && res > 0 && res <= 1000000,
          "res", res);
    check("monotonic resolution",
          __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res) == 0 && res > 0 && res <= 1000000, "res", res);
    check("unknown clock", __wasi_clock_time_get(99, 1, &res) == __WASI_ERRNO_INVAL, "", 0);

    uint64_t t0 = now(__WASI_CLOCKID_MONOTONIC);
    struct timespec nap = {0, 50 * 1000 * 1000};
    nanosleep(&nap, NULL);
    uint64_t t1 = now(__WASI_CLOCKID_MONOTONIC);
    check("nanosleep 50ms", t1 - t0 >= 50000000 && t1 - t0 < 2000000000, "slept ns", (long long)(t1 - t0));
    usleep(20000);
    check("monotonic increases", now(__WASI_CLOCKID_MONOTONIC) > t1, "", 0);

    uint64_t c0 = now(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
    volatile uint64_t x = 0;
    for (int i = 0; i < 3000000; i++)
        x += i;
    uint64_t c1 = now(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
    check("process cpu time advances", c1 > c0, "delta", (long long)(c1 - c0));
    check("thread cpu time", now(__WASI_CLOCKID_THREAD_CPUTIME_ID) > 0, "", 0);

    // poll_oneoff: a ready descriptor wins over a pending clock.
    __wasi_subscription_t subs[3];
    __wasi_event_t events[3];
    __wasi_size_t n = 0;
    memset(subs, 0, sizeof subs);
    subs[0].userdata = 1;
    subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[0].u.u.clock.timeout = 5000000000ull;
    subs[1].userdata = 2;
    subs[1].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    subs[1].u.u.fd_write.file_descriptor = 1;
    t0 = now(__WASI_CLOCKID_MONOTONIC);
    int err = __wasi_poll_oneoff(subs, events, 2, &n);
    t1 = now(__WASI_CLOCKID_MONOTONIC);
    check("poll ready stdout", err == 0 && n == 1 && events[0].userdata == 2 && events[0].type == __WASI_EVENTTYPE_FD_WRITE &&
                                   events[0].error == 0 && t1 - t0 < 1000000000,
          "n", n);

    // Two clocks: only the earlier fires.
    subs[0].u.u.clock.timeout = 30000000;
    subs[1].userdata = 3;
    subs[1].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[1].u.u.clock.timeout = 10000000000ull;
    t0 = now(__WASI_CLOCKID_MONOTONIC);
    err = __wasi_poll_oneoff(subs, events, 2, &n);
    t1 = now(__WASI_CLOCKID_MONOTONIC);
    check("poll earliest clock", err == 0 && n == 1 && events[0].userdata == 1 && events[0].type == __WASI_EVENTTYPE_CLOCK &&
                                     t1 - t0 >= 30000000 && t1 - t0 < 5000000000ull,
          "elapsed", (long long)(t1 - t0));

    // An absolute deadline in the past fires at once.
    subs[0].u.u.clock.timeout = now(__WASI_CLOCKID_MONOTONIC) - 1;
    subs[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
    err = __wasi_poll_oneoff(subs, events, 1, &n);
    check("poll absolute past", err == 0 && n == 1 && events[0].userdata == 1, "n", n);

    // A clock the host does not know is an error event, not a failed call.
    subs[0].u.u.clock.id = 99;
    err = __wasi_poll_oneoff(subs, events, 1, &n);
    check("poll unknown clock", err == 0 && n == 1 && events[0].error == __WASI_ERRNO_INVAL, "n", n);

    // stdin (a buffer in the test) is readable; a closed descriptor is an error event.
    subs[0].u.tag = __WASI_EVENTTYPE_FD_READ;
    subs[0].u.u.fd_read.file_descriptor = 0;
    subs[1].userdata = 4;
    subs[1].u.tag = __WASI_EVENTTYPE_FD_READ;
    subs[1].u.u.fd_read.file_descriptor = 77;
    err = __wasi_poll_oneoff(subs, events, 2, &n);
    check("poll stdin and bad fd", err == 0 && n == 2 && events[0].error == 0 && events[1].error == __WASI_ERRNO_BADF,
          "n", n);

    check("sched_yield", __wasi_sched_yield() == 0, "", 0);

    // Randomness: two draws differ; a large draw covers every byte value.
    unsigned char a[32] = {0}, b[32] = {0};
    check("getentropy", getentropy(a, sizeof a) == 0 && getentropy(b, sizeof b) == 0 && memcmp(a, b, 32) != 0, "", 0);
    static unsigned char big[1 << 20];
    int seen[256] = {0}, distinct = 0;
    err = __wasi_random_get(big, sizeof big);
    for (size_t i = 0; i < sizeof big; i++)
        if (!seen[big[i]]++)
            distinct++;
    check("random_get 1 MiB", err == 0 && distinct == 256, "distinct", distinct);
    check("random_get empty", __wasi_random_get(big, 0) == 0, "", 0);

    printf("%d failures\n", failures);
    return failures != 0;
}

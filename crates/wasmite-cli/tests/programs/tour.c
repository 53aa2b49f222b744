// A tour of what a WASI command uses, for comparing `wasmite run` with
// `wasmtime run`: `tour DIR [CODE]` prints its arguments and environment,
// checks the clocks, works with files beneath DIR (reads `input.txt` if the
// host put one there; leaves `out/result.txt`), tries to leave DIR, writes a
// line to stderr and exits with CODE (default 0) through exit().
// With DIR `-` it touches no files. Output is deterministic.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char *dir;

static const char *at(const char *name) {
    static char bufs[4][512];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", dir, name);
    return b;
}

static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void args_and_env(int argc, char **argv) {
    printf("argc %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d] \"%s\"\n", i, argv[i]);
    char *vars[256];
    int n = 0;
    for (char **e = environ; *e && n < 256; e++)
        vars[n++] = *e;
    qsort(vars, n, sizeof vars[0], cmp);
    printf("environ %d\n", n);
    for (int i = 0; i < n; i++)
        printf("  %s\n", vars[i]);
    const char *g = getenv("GREETING");
    printf("GREETING %s\n", g ? g : "(unset)");
}

static long long ns(clockid_t id) {
    struct timespec t;
    if (clock_gettime(id, &t) != 0)
        return -1;
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void clocks(void) {
    struct timespec res;
    printf("clock_getres realtime %s\n", clock_getres(CLOCK_REALTIME, &res) == 0 && res.tv_sec == 0 ? "ok" : "FAIL");
    long long real = ns(CLOCK_REALTIME);
    long long diff = (long long)time(NULL) - real / 1000000000LL;
    printf("time() agrees with realtime %s\n", diff >= 0 && diff <= 1 ? "yes" : "no");
    printf("realtime after 2020 %s\n", real > 1577836800LL * 1000000000LL ? "yes" : "no");
    long long m0 = ns(CLOCK_MONOTONIC);
    struct timespec nap = {0, 20 * 1000 * 1000};
    nanosleep(&nap, NULL);
    long long m1 = ns(CLOCK_MONOTONIC);
    printf("nanosleep 20ms %s\n", m1 - m0 >= 20000000 && m1 - m0 < 5000000000LL ? "ok" : "FAIL");
    volatile unsigned x = 0;
    long long c0 = ns(CLOCK_PROCESS_CPUTIME_ID);
    for (int i = 0; i < 2000000; i++)
        x += i;
    printf("process cpu clock advances %s\n", ns(CLOCK_PROCESS_CPUTIME_ID) > c0 ? "yes" : "no");
}

static void try_open(const char *label, const char *path) {
    errno = 0;
    int fd = open(path, O_RDONLY);
    printf("%s: %s\n", label, fd >= 0 ? "opened" : strerror(errno));
    if (fd >= 0)
        close(fd);
}

static int files(void) {
    char buf[512];
    FILE *f = fopen(at("input.txt"), "r");
    if (f) {
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = 0;
        printf("input.txt: %s", buf);
        fclose(f);
    } else {
        printf("input.txt: %s\n", strerror(errno));
    }

    errno = 0;
    if (mkdir(at("out"), 0755) != 0 && errno != EEXIST) {
        printf("mkdir out: %s\n", strerror(errno));
        return 1;
    }
    f = fopen(at("out/result.tmp"), "w");
    if (!f) {
        printf("create out/result.tmp: %s\n", strerror(errno));
        return 1;
    }
    fprintf(f, "written by the guest\n");
    fclose(f);
    if (rename(at("out/result.tmp"), at("out/result.txt")) != 0) {
        printf("rename: %s\n", strerror(errno));
        return 1;
    }
    struct stat st;
    if (stat(at("out/result.txt"), &st) != 0) {
        printf("stat: %s\n", strerror(errno));
        return 1;
    }
    long long now = ns(CLOCK_REALTIME) / 1000000000LL;
    long long age = now - (long long)st.st_mtim.tv_sec;
    printf("out/result.txt size %lld, mtime agrees with realtime %s\n", (long long)st.st_size,
           age >= -2 && age <= 2 ? "yes" : "no");

    DIR *d = opendir(at("out"));
    if (!d) {
        printf("opendir out: %s\n", strerror(errno));
        return 1;
    }
    struct dirent *e;
    char *names[16];
    int n = 0;
    while ((e = readdir(d)) && n < 16)
        names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("out:");
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");

    try_open("open missing.txt", at("missing.txt"));
    try_open("open ../outside", at("../outside"));
    try_open("open /etc/passwd", "/etc/passwd");
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: tour DIR [CODE]\n");
        return 2;
    }
    dir = argv[1];
    args_and_env(argc, argv);
    clocks();
    if (strcmp(dir, "-") != 0 && files() != 0)
        return 1;
    int code = argc > 2 ? atoi(argv[2]) : 0;
    fflush(stdout);
    fprintf(stderr, "tour: exiting with %d\n", code);
    exit(code);
}

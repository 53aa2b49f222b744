// File operations in the directory named by argv[1] (a preopen), printing a
// transcript the test compares line by line. Leaves behind `keep.txt`
// ("kept\n") and `dir/inner.txt` so the host can check the effects.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ename.h"

static char path_buf[4][512];
static int which;

// argv[1] + "/" + name, in one of a few rotating buffers.
static const char *P(const char *name) {
    char *b = path_buf[which++ % 4];
    snprintf(b, 512, "%s/%s", getenv("ROOT"), name);
    return b;
}

#define CHECK(expr)                                                           \
    do {                                                                      \
        if (!(expr)) {                                                        \
            printf("FAILED line %d: %s (errno %s)\n", __LINE__, #expr,      \
                   ename(errno));                                   \
            return 1;                                                         \
        }                                                                     \
    } while (0)

static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list(const char *dir) {
    DIR *d = opendir(dir);
    CHECK(d);
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        char t = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : e->d_type == DT_LNK ? 'l' : '?';
        char *s = malloc(strlen(e->d_name) + 3);
        sprintf(s, "%c %s", t, e->d_name);
        names[n++] = s;
    }
    CHECK(closedir(d) == 0);
    qsort(names, n, sizeof names[0], cmp);
    printf("list %d:", n);
    for (int i = 0; i < n; i++) {
        printf(" [%s]", names[i]);
        free(names[i]);
    }
    printf("\n");
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2)
        return 2;
    setenv("ROOT", argv[1], 1);
    char buf[256];

    // create + write + close
    FILE *f = fopen(P("a.txt"), "w");
    CHECK(f);
    CHECK(fputs("hello file\nsecond line\n", f) >= 0);
    CHECK(fclose(f) == 0);

    // read back
    f = fopen(P("a.txt"), "r");
    CHECK(f);
    CHECK(fgets(buf, sizeof buf, f));
    printf("read1: %s", buf);
    CHECK(fgets(buf, sizeof buf, f));
    printf("read2: %s", buf);
    CHECK(fgets(buf, sizeof buf, f) == NULL && feof(f));
    CHECK(fclose(f) == 0);

    // lseek / read / write at offsets, pread / pwrite
    int fd = open(P("a.txt"), O_RDWR);
    CHECK(fd >= 0);
    printf("seek end: %lld\n", (long long)lseek(fd, 0, SEEK_END));
    printf("seek set: %lld\n", (long long)lseek(fd, 6, SEEK_SET));
    CHECK(read(fd, buf, 4) == 4);
    printf("at 6: %.4s\n", buf);
    printf("seek cur: %lld\n", (long long)lseek(fd, -4, SEEK_CUR));
    CHECK(write(fd, "FILE", 4) == 4);
    CHECK(pwrite(fd, "HELLO", 5, 0) == 5);
    CHECK(pread(fd, buf, 10, 0) == 10);
    printf("pread: %.10s\n", buf);
    printf("tell after pread: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    errno = 0;
    printf("seek before start: %lld errno=%s\n", (long long)lseek(fd, -100, SEEK_SET), ename(errno));

    // stat / fstat / ftruncate
    struct stat st;
    CHECK(fstat(fd, &st) == 0);
    printf("fstat: size=%lld reg=%d nlink=%d\n", (long long)st.st_size, S_ISREG(st.st_mode), (int)st.st_nlink);
    CHECK(ftruncate(fd, 5) == 0);
    CHECK(stat(P("a.txt"), &st) == 0);
    printf("after truncate: size=%lld\n", (long long)st.st_size);
    CHECK(close(fd) == 0);
    errno = 0;
    printf("close again: %d errno=%s\n", close(fd), ename(errno));

    // append
    fd = open(P("a.txt"), O_WRONLY | O_APPEND);
    CHECK(fd >= 0);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(write(fd, "+tail", 5) == 5);
    CHECK(close(fd) == 0);
    fd = open(P("a.txt"), O_RDONLY);
    CHECK(fd >= 0);
    ssize_t n = read(fd, buf, sizeof buf);
    printf("after append: %.*s\n", (int)n, buf);
    errno = 0;
    printf("write to read-only fd: %zd errno=%s\n", write(fd, "x", 1), ename(errno));
    CHECK(close(fd) == 0);

    // O_EXCL, O_TRUNC, missing files
    errno = 0;
    printf("excl existing: %d errno=%s\n", open(P("a.txt"), O_WRONLY | O_CREAT | O_EXCL, 0644), ename(errno));
    fd = open(P("a.txt"), O_WRONLY | O_TRUNC);
    CHECK(fd >= 0 && close(fd) == 0);
    CHECK(stat(P("a.txt"), &st) == 0);
    printf("after O_TRUNC: size=%lld\n", (long long)st.st_size);
    errno = 0;
    printf("open missing: %d errno=%s\n", open(P("missing.txt"), O_RDONLY), ename(errno));
    errno = 0;
    printf("stat missing: %d errno=%s\n", stat(P("missing.txt"), &st), ename(errno));

    // directories
    CHECK(mkdir(P("dir"), 0755) == 0);
    errno = 0;
    printf("mkdir again: %d errno=%s\n", mkdir(P("dir"), 0755), ename(errno));
    CHECK(stat(P("dir"), &st) == 0);
    printf("dir is dir: %d\n", S_ISDIR(st.st_mode));
    f = fopen(P("dir/inner.txt"), "w");
    CHECK(f && fputs("inner\n", f) >= 0 && fclose(f) == 0);
    errno = 0;
    printf("rmdir non-empty: %d errno=%s\n", rmdir(P("dir")), ename(errno));
    errno = 0;
    printf("open dir for writing: %d errno=%s\n", open(P("dir"), O_WRONLY), ename(errno));
    errno = 0;
    printf("file as dir: %d errno=%s\n", open(P("a.txt/x"), O_RDONLY), ename(errno));

    // rename, link, symlink, readlink
    f = fopen(P("b.txt"), "w");
    CHECK(f && fputs("bee\n", f) >= 0 && fclose(f) == 0);
    CHECK(rename(P("b.txt"), P("c.txt")) == 0);
    errno = 0;
    printf("old name gone: %d errno=%s\n", access(P("b.txt"), F_OK), ename(errno));
    CHECK(rename(P("c.txt"), P("a.txt")) == 0); // replaces a.txt
    CHECK(link(P("a.txt"), P("hard.txt")) == 0);
    CHECK(stat(P("a.txt"), &st) == 0);
    printf("nlink after link: %d\n", (int)st.st_nlink);
    CHECK(symlink("a.txt", P("sym")) == 0);
    n = readlink(P("sym"), buf, sizeof buf);
    CHECK(n > 0);
    printf("readlink: %.*s\n", (int)n, buf);
    CHECK(lstat(P("sym"), &st) == 0);
    printf("lstat is link: %d\n", S_ISLNK(st.st_mode));
    f = fopen(P("sym"), "r");
    CHECK(f && fgets(buf, sizeof buf, f) && fclose(f) == 0);
    printf("through symlink: %s", buf);

    // times
    struct timespec times[2] = {{1000000000, 5}, {1234567890, 0}};
    CHECK(utimensat(AT_FDCWD, P("a.txt"), times, 0) == 0);
    CHECK(stat(P("a.txt"), &st) == 0);
    printf("atime=%lld mtime=%lld\n", (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec);

    // readdir
    if (list(argv[1]))
        return 1;

    // sync
    fd = open(P("hard.txt"), O_RDWR);
    CHECK(fd >= 0 && fsync(fd) == 0 && fdatasync(fd) == 0 && close(fd) == 0);

    // unlink and clean up
    CHECK(unlink(P("sym")) == 0);
    CHECK(unlink(P("hard.txt")) == 0);
    CHECK(unlink(P("a.txt")) == 0);
    errno = 0;
    printf("unlink missing: %d errno=%s\n", unlink(P("a.txt")), ename(errno));
    errno = 0;
    printf("unlink dir: %d errno=%s\n", unlink(P("dir")), ename(errno));
    f = fopen(P("keep.txt"), "w");
    CHECK(f && fputs("kept\n", f) >= 0 && fclose(f) == 0);
    if (list(argv[1]))
        return 1;
    printf("done\n");
    return 0;
}

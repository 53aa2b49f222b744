// Sandbox escape attempts. Preopens: "/sandbox" (read-write) and "/ro"
// (read-only); argv[1] is the host's absolute path of the directory holding
// `outside/secret.txt`. Each attempt prints `label: RESULT`, where RESULT is
// `ok[ content]` or the errno name. WASI calls are made directly (own
// imports with explicit lengths) so the host sees exactly these paths.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "ename.h"

#define IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
IMPORT(path_open) int32_t raw_open(int32_t fd, int32_t dirflags, const char *path, int32_t len, int32_t oflags,
                                   int64_t base, int64_t inheriting, int32_t fdflags, int32_t *out);
IMPORT(path_create_directory) int32_t raw_mkdir(int32_t fd, const char *path, int32_t len);
IMPORT(path_remove_directory) int32_t raw_rmdir(int32_t fd, const char *path, int32_t len);
IMPORT(path_unlink_file) int32_t raw_unlink(int32_t fd, const char *path, int32_t len);
IMPORT(path_rename) int32_t raw_rename(int32_t fd, const char *old, int32_t old_len, int32_t new_fd, const char *new,
                                       int32_t new_len);
IMPORT(path_link) int32_t raw_link(int32_t fd, int32_t flags, const char *old, int32_t old_len, int32_t new_fd,
                                   const char *new, int32_t new_len);
IMPORT(path_symlink) int32_t raw_symlink(const char *old, int32_t old_len, int32_t fd, const char *new, int32_t new_len);
IMPORT(path_readlink) int32_t raw_readlink(int32_t fd, const char *path, int32_t len, char *buf, int32_t buf_len,
                                           int32_t *used);
IMPORT(path_filestat_get) int32_t raw_stat(int32_t fd, int32_t flags, const char *path, int32_t len, void *out);
IMPORT(path_filestat_set_times) int32_t raw_utimes(int32_t fd, int32_t flags, const char *path, int32_t len,
                                                   int64_t atim, int64_t mtim, int32_t fst);
IMPORT(fd_read) int32_t raw_read(int32_t fd, const void *iovs, int32_t n, int32_t *nread);
IMPORT(fd_write) int32_t raw_write(int32_t fd, const void *iovs, int32_t n, int32_t *nwritten);
IMPORT(fd_readdir) int32_t raw_readdir(int32_t fd, void *buf, int32_t len, int64_t cookie, int32_t *used);
IMPORT(random_get) int32_t raw_random(void *buf, int32_t len);
IMPORT(args_get) int32_t raw_args_get(void *argv, void *buf);
IMPORT(poll_oneoff) int32_t raw_poll(const void *in, void *out, int32_t n, int32_t *nevents);

#define R_READ (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FILESTAT_GET)
#define R_WRITE (__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE)
#define R_DIR (__WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_FILESTAT_GET)
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
#define BAD_PTR ((void *)0xfffffff0u)

static int S, RO; // preopen descriptors

static void report(const char *label, int err) { printf("%s: %s\n", label, err ? ename(err) : "ok"); }

// path_open; on success print up to 20 bytes of content (if readable) and close.
static void try_open(const char *label, int dir, int follow, const char *path, int oflags, uint64_t rights,
                     int fdflags) {
    int32_t fd;
    int err = raw_open(dir, follow ? FOLLOW : 0, path, strlen(path), oflags, rights, rights, fdflags, &fd);
    if (err) {
        report(label, err);
        return;
    }
    char buf[21] = {0};
    __wasi_iovec_t iov = {(uint8_t *)buf, 20};
    int32_t n = 0;
    if ((rights & __WASI_RIGHTS_FD_READ) && !(oflags & __WASI_OFLAGS_DIRECTORY) && raw_read(fd, &iov, 1, &n) == 0 && n > 0)
        printf("%s: ok %.*s\n", label, (int)n, buf);
    else
        printf("%s: ok\n", label);
    (void)__wasi_fd_close(fd);
}

static int find_preopen(const char *name) {
    for (int fd = 3; fd < 10; fd++) {
        __wasi_prestat_t ps;
        char buf[64];
        if (__wasi_fd_prestat_get(fd, &ps) == 0 && ps.u.dir.pr_name_len < sizeof buf &&
            __wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, ps.u.dir.pr_name_len) == 0) {
            buf[ps.u.dir.pr_name_len] = 0;
            if (strcmp(buf, name) == 0)
                return fd;
        }
    }
    printf("no preopen %s\n", name);
    exit(1);
}

#define L(s) s, (int32_t)strlen(s)

int main(int argc, char **argv) {
    if (argc < 2)
        return 2;
    S = find_preopen("/sandbox");
    RO = find_preopen("/ro");
    char host_secret[600];
    snprintf(host_secret, sizeof host_secret, "%s/outside/secret.txt", argv[1]);

    printf("-- reading out\n");
    try_open("dotdot", S, 1, "../outside/secret.txt", 0, R_READ, 0);
    try_open("dotdot dir", S, 1, "..", __WASI_OFLAGS_DIRECTORY, R_DIR, 0);
    try_open("sub dotdot dotdot", S, 1, "sub/../../outside/secret.txt", 0, R_READ, 0);
    try_open("out and back in", S, 1, "../sandbox/file.txt", 0, R_READ, 0);
    try_open("dotdot inside", S, 1, "sub/../file.txt", 0, R_READ, 0);
    try_open("absolute", S, 1, "/etc/passwd", 0, R_READ, 0);
    try_open("absolute host path", S, 1, host_secret, 0, R_READ, 0);
    try_open("symlink dir out", S, 1, "out/secret.txt", 0, R_READ, 0);
    try_open("symlink dir out slash", S, 1, "out/", __WASI_OFLAGS_DIRECTORY, R_DIR, 0);
    try_open("absolute symlink", S, 1, "abs/secret.txt", 0, R_READ, 0);
    try_open("symlink file out", S, 1, "secret_link", 0, R_READ, 0);
    try_open("symlink file out nofollow", S, 0, "secret_link", 0, R_READ, 0);
    try_open("symlink to /etc/passwd", S, 1, "etc_link", 0, R_READ, 0);
    try_open("nested symlink up", S, 1, "sub/up/outside/secret.txt", 0, R_READ, 0);
    try_open("symlink inside", S, 1, "sub/back", 0, R_READ, 0);
    try_open("symlink loop", S, 1, "loop1", 0, R_READ, 0);
    try_open("self symlink", S, 1, "self", 0, R_READ, 0);
    try_open("symlink loop slash", S, 1, "loop1/", 0, R_READ, 0);
    try_open("file slash", S, 1, "file.txt/", 0, R_READ, 0);
    try_open("file slash dot", S, 1, "file.txt/.", 0, R_READ, 0);
    try_open("empty path", S, 1, "", 0, R_READ, 0);
    int32_t sub;
    report("open sub", raw_open(S, FOLLOW, L("sub"), __WASI_OFLAGS_DIRECTORY, R_DIR, ~0ull, 0, &sub));
    try_open("dotdot from sub fd", sub, 1, "../file.txt", 0, R_READ, 0);
    (void)__wasi_fd_close(sub);

    printf("-- writing out\n");
    try_open("create dotdot", S, 1, "../created.txt", __WASI_OFLAGS_CREAT, R_WRITE, 0);
    try_open("create through symlink dir", S, 1, "out/created.txt", __WASI_OFLAGS_CREAT, R_WRITE, 0);
    try_open("create through dangling symlink", S, 1, "dangling", __WASI_OFLAGS_CREAT, R_WRITE, 0);
    try_open("truncate through symlink", S, 1, "secret_link", __WASI_OFLAGS_TRUNC, R_WRITE, 0);
    report("mkdir dotdot", raw_mkdir(S, L("../newdir")));
    report("mkdir through symlink", raw_mkdir(S, L("out/newdir")));
    report("rename out", raw_rename(S, L("file.txt"), S, L("../moved.txt")));
    report("rename in", raw_rename(S, L("../outside/secret.txt"), S, L("stolen.txt")));
    report("link out", raw_link(S, 0, L("file.txt"), S, L("../linked.txt")));
    report("link in", raw_link(S, 0, L("out/secret.txt"), S, L("stolen.txt")));
    report("symlink absolute target", raw_symlink(L("/etc/passwd"), S, L("evil_abs")));
    report("symlink relative target out", raw_symlink(L("../outside/secret.txt"), S, L("evil_rel")));
    try_open("follow created symlink", S, 1, "evil_rel", 0, R_READ, 0);
    report("symlink placed outside", raw_symlink(L("file.txt"), S, L("../evil")));
    report("unlink out", raw_unlink(S, L("../outside/secret.txt")));
    report("unlink through symlink", raw_unlink(S, L("out/secret.txt")));
    report("rmdir out", raw_rmdir(S, L("../outside")));
    report("set times out", raw_utimes(S, FOLLOW, L("../outside/secret.txt"), 0, 0, __WASI_FSTFLAGS_MTIM));
    report("set times through symlink", raw_utimes(S, FOLLOW, L("secret_link"), 0, 0, __WASI_FSTFLAGS_MTIM));

    printf("-- metadata\n");
    char stat_buf[64];
    report("stat out", raw_stat(S, FOLLOW, L("../outside/secret.txt"), stat_buf));
    report("stat through symlink", raw_stat(S, FOLLOW, L("out/secret.txt"), stat_buf));
    report("stat symlink follow", raw_stat(S, FOLLOW, L("out"), stat_buf));
    report("stat symlink nofollow", raw_stat(S, 0, L("out"), stat_buf));
    printf("  filetype %d\n", stat_buf[16]);
    char link[64];
    int32_t used = 0;
    report("readlink", raw_readlink(S, L("out"), link, sizeof link, &used));
    printf("  target %.*s\n", (int)used, link);
    report("readlink out", raw_readlink(S, L("../outside"), link, sizeof link, &used));

    printf("-- bad paths\n");
    report("nul in path", raw_mkdir(S, "a\0b", 3));
    report("invalid utf-8", raw_mkdir(S, "\xff\xfe", 2));
    static char long_path[5000];
    memset(long_path, 'a', sizeof long_path);
    report("path too long", raw_mkdir(S, long_path, sizeof long_path));

    printf("-- read-only preopen\n");
    try_open("read", RO, 1, "data.txt", 0, R_READ, 0);
    try_open("write", RO, 1, "data.txt", 0, R_WRITE, 0);
    try_open("read+write", RO, 1, "data.txt", 0, R_READ | R_WRITE, 0);
    try_open("truncate", RO, 1, "data.txt", __WASI_OFLAGS_TRUNC, R_READ, 0);
    try_open("append", RO, 1, "data.txt", 0, R_READ, __WASI_FDFLAGS_APPEND);
    try_open("create", RO, 1, "new.txt", __WASI_OFLAGS_CREAT, R_READ, 0);
    try_open("create existing", RO, 1, "data.txt", __WASI_OFLAGS_CREAT, R_READ, 0);
    try_open("create exclusive existing", RO, 1, "data.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, R_READ, 0);
    report("mkdir", raw_mkdir(RO, L("newdir")));
    report("rmdir", raw_rmdir(RO, L("subdir")));
    report("unlink", raw_unlink(RO, L("data.txt")));
    report("rename within", raw_rename(RO, L("data.txt"), RO, L("data2.txt")));
    report("rename into", raw_rename(S, L("file.txt"), RO, L("file.txt")));
    report("rename out of", raw_rename(RO, L("data.txt"), S, L("data.txt")));
    report("link into", raw_link(S, 0, L("file.txt"), RO, L("l.txt")));
    report("link out of", raw_link(RO, 0, L("data.txt"), S, L("l.txt")));
    report("symlink", raw_symlink(L("data.txt"), RO, L("sym")));
    report("set times", raw_utimes(RO, FOLLOW, L("data.txt"), 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    report("set times of preopen", __wasi_fd_filestat_set_times(RO, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    int32_t rfd;
    report("open for reading", raw_open(RO, FOLLOW, L("data.txt"), 0, R_READ | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES, 0, 0, &rfd));
    report("write to it", __wasi_fd_write(rfd, &(__wasi_ciovec_t){(const uint8_t *)"x", 1}, 1, (size_t *)&used));
    report("truncate it", __wasi_fd_filestat_set_size(rfd, 0));
    report("set its times", __wasi_fd_filestat_set_times(rfd, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    report("add rights", __wasi_fd_fdstat_set_rights(rfd, ~0ull, 0));
    (void)__wasi_fd_close(rfd);
    FILE *f = fopen("/ro/data.txt", "w");
    report("libc fopen for writing", f ? 0 : errno);

    printf("-- libc paths\n");
    f = fopen("/etc/passwd", "r");
    report("libc absolute outside preopens", f ? 0 : errno);
    f = fopen("/sandbox/../outside/secret.txt", "r");
    report("libc dotdot", f ? 0 : errno);
    f = fopen("/sandbox/sub/../file.txt", "r");
    report("libc dotdot inside", f ? 0 : errno);

    printf("-- bounds\n");
    static __wasi_ciovec_t many[2000];
    for (int i = 0; i < 2000; i++)
        many[i] = (__wasi_ciovec_t){(const uint8_t *)"", 0};
    report("2000 iovecs", raw_write(1, many, 2000, &used));
    __wasi_ciovec_t bad = {BAD_PTR, 100};
    report("iovec out of memory", raw_write(1, &bad, 1, &used));
    report("iovec array out of memory", raw_write(1, BAD_PTR, 4, &used));
    report("result pointer out of memory", raw_write(1, many, 1, BAD_PTR));
    report("read into out of memory", raw_read(0, &bad, 1, &used));
    report("random_get out of memory", raw_random(BAD_PTR, 100));
    report("random_get huge", raw_random((void *)16, 0x7fffffff));
    report("path out of memory", raw_mkdir(S, BAD_PTR, 100));
    report("readdir out of memory", raw_readdir(S, BAD_PTR, 100, 0, &used));
    report("args_get out of memory", raw_args_get(BAD_PTR, BAD_PTR));
    report("poll nothing", raw_poll(many, many, 0, &used));
    int opened = 0, err = 0;
    int32_t fds[2000];
    while (opened < 2000) {
        err = raw_open(S, FOLLOW, L("file.txt"), 0, R_READ, 0, 0, &fds[opened]);
        if (err)
            break;
        opened++;
    }
    printf("open until refused: %d then %s\n", opened, ename(err));
    for (int i = 0; i < opened; i++)
        (void)__wasi_fd_close(fds[i]);
    report("open after closing", raw_open(S, FOLLOW, L("file.txt"), 0, R_READ, 0, 0, &fds[0]));

    printf("-- descriptors\n");
    report("close unknown", __wasi_fd_close(999));
    report("renumber to unknown", __wasi_fd_renumber(1, 999));
    __wasi_filesize_t pos;
    report("seek stdout", __wasi_fd_seek(1, 0, __WASI_WHENCE_SET, &pos));
    report("read a directory", raw_read(S, many, 1, &used));
    report("sock_accept stdin", __wasi_sock_accept(0, 0, &rfd));
    report("sock_shutdown unknown", __wasi_sock_shutdown(999, __WASI_SDFLAGS_RD));
    printf("done\n");
    return 0;
}

// Imports every wasi_snapshot_preview1 function wasi-libc declares, with the
// types wasi-libc gives them, so linking checks every signature. The calls
// sit behind a branch that is never taken; the program prints "linked".
#include <stdio.h>
#include <wasi/api.h>

int main(int argc, char **argv) {
    (void)argv;
    if (argc > 1000) {
        static char b[64];
        void *p = b;
        int r = 0;
        r |= __wasi_args_get(p, p);
        r |= __wasi_args_sizes_get(p, p);
        r |= __wasi_environ_get(p, p);
        r |= __wasi_environ_sizes_get(p, p);
        r |= __wasi_clock_res_get(0, p);
        r |= __wasi_clock_time_get(0, 0, p);
        r |= __wasi_fd_advise(0, 0, 0, 0);
        r |= __wasi_fd_allocate(0, 0, 0);
        r |= __wasi_fd_close(0);
        r |= __wasi_fd_datasync(0);
        r |= __wasi_fd_fdstat_get(0, p);
        r |= __wasi_fd_fdstat_set_flags(0, 0);
        r |= __wasi_fd_fdstat_set_rights(0, 0, 0);
        r |= __wasi_fd_filestat_get(0, p);
        r |= __wasi_fd_filestat_set_size(0, 0);
        r |= __wasi_fd_filestat_set_times(0, 0, 0, 0);
        r |= __wasi_fd_pread(0, p, 0, 0, p);
        r |= __wasi_fd_prestat_get(0, p);
        r |= __wasi_fd_prestat_dir_name(0, p, 0);
        r |= __wasi_fd_pwrite(0, p, 0, 0, p);
        r |= __wasi_fd_read(0, p, 0, p);
        r |= __wasi_fd_readdir(0, p, 0, 0, p);
        r |= __wasi_fd_renumber(0, 0);
        r |= __wasi_fd_seek(0, 0, 0, p);
        r |= __wasi_fd_sync(0);
        r |= __wasi_fd_tell(0, p);
        r |= __wasi_fd_write(0, p, 0, p);
        r |= __wasi_path_create_directory(0, b);
        r |= __wasi_path_filestat_get(0, 0, b, p);
        r |= __wasi_path_filestat_set_times(0, 0, b, 0, 0, 0);
        r |= __wasi_path_link(0, 0, b, 0, b);
        r |= __wasi_path_open(0, 0, b, 0, 0, 0, 0, p);
        r |= __wasi_path_readlink(0, b, p, 0, p);
        r |= __wasi_path_remove_directory(0, b);
        r |= __wasi_path_rename(0, b, 0, b);
        r |= __wasi_path_symlink(b, 0, b);
        r |= __wasi_path_unlink_file(0, b);
        r |= __wasi_poll_oneoff(p, p, 0, p);
        r |= __wasi_random_get(p, 0);
        r |= __wasi_sched_yield();
        r |= __wasi_sock_accept(0, 0, p);
        r |= __wasi_sock_recv(0, p, 0, 0, p, p);
        r |= __wasi_sock_send(0, p, 0, 0, p);
        r |= __wasi_sock_shutdown(0, 0);
        __wasi_proc_exit(r);
    }
    printf("linked\n");
    return 0;
}

// List the directory argv[1] with readdir (wasi-libc refills its buffer
// with fd_readdir as it goes), printing the number of entries, the sum of
// the name lengths and whether every name was seen once.
#include <dirent.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 2)
        return 2;
    DIR *d = opendir(argv[1]);
    if (!d) {
        perror("opendir");
        return 1;
    }
    static char seen[4096];
    int count = 0, dups = 0;
    long bytes = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        count++;
        bytes += strlen(e->d_name);
        int idx;
        if (sscanf(e->d_name, "%d-", &idx) == 1 && idx >= 0 && idx < 4096 && seen[idx]++)
            dups++;
    }
    closedir(d);
    printf("entries=%d name_bytes=%ld duplicates=%d\n", count, bytes, dups);
    return 0;
}

// poll() on stdin with timeouts: prints whether each poll timed out or saw
// input, what was read, and end of file.
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

static void wait_for(int ms) {
    struct pollfd p = {0, POLLIN, 0};
    int n = poll(&p, 1, ms);
    printf("poll %dms: %s\n", ms, n == 0 ? "timeout" : n == 1 && (p.revents & POLLIN) ? "ready" : "error");
    fflush(stdout);
}

int main(void) {
    char buf[64];
    wait_for(100);
    wait_for(10000);
    ssize_t n = read(0, buf, sizeof buf);
    printf("read: %.*s", (int)n, buf);
    wait_for(10000);
    printf("then read returns %zd\n", read(0, buf, sizeof buf));
    return 0;
}

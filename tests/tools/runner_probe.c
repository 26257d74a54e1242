/* The child tests/unit/test_runner.c runs to see what the runner gave it: its open fds, signal
 * state, process group or stdin, printed on stdout. libc only, and it touches no signal state
 * itself, so what it prints is what it inherited. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmp_int(const void *a, const void *b)
{
        int x = *(const int *)a, y = *(const int *)b;
        return (x > y) - (x < y);
}

/* One open fd per line, ascending, leaving out the one reading /proc/self/fd. */
static int list_fds(void)
{
        DIR *d = opendir("/proc/self/fd");
        if (!d)
                return 1;
        int fds[1024], n = 0;
        struct dirent *e;
        while ((e = readdir(d)) && n < 1024) {
                if (e->d_name[0] == '.')
                        continue;
                int fd = atoi(e->d_name);
                if (fd != dirfd(d))
                        fds[n++] = fd;
        }
        closedir(d);
        qsort(fds, (size_t)n, sizeof(fds[0]), cmp_int);
        for (int i = 0; i < n; i++)
                printf("%d\n", fds[i]);
        return 0;
}

/* The SigBlk and SigIgn lines of /proc/self/status. */
static int signal_state(void)
{
        FILE *f = fopen("/proc/self/status", "r");
        if (!f)
                return 1;
        char line[256];
        while (fgets(line, sizeof(line), f))
                if (strncmp(line, "SigBlk:", 7) == 0 || strncmp(line, "SigIgn:", 7) == 0)
                        fputs(line, stdout);
        fclose(f);
        return 0;
}

static int stdin_target(void)
{
        char buf[256];
        ssize_t n = readlink("/proc/self/fd/0", buf, sizeof(buf) - 1);
        if (n < 0)
                return 1;
        buf[n] = '\0';
        printf("%s\n", buf);
        return 0;
}

int main(int argc, char **argv)
{
        if (argc != 2)
                return 2;
        if (strcmp(argv[1], "fds") == 0)
                return list_fds();
        if (strcmp(argv[1], "signals") == 0)
                return signal_state();
        if (strcmp(argv[1], "pgid") == 0)
                return printf("%d %d\n", (int)getpid(), (int)getpgrp()) < 0;
        if (strcmp(argv[1], "stdin") == 0)
                return stdin_target();
        return 2;
}

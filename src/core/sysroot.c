/* Reading files below the sysroot (see sysroot.h). */
#include "core/sysroot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sysroot_path(const char *root, const char *path, char *out, size_t outsz)
{
        if (!root || !*root || strcmp(root, "/") == 0)
                root = "";
        size_t rl = strlen(root);
        while (rl > 0 && root[rl - 1] == '/')
                rl--;
        int n = snprintf(out, outsz, "%.*s%s", (int)rl, root, path);
        if (n < 0 || (size_t)n >= outsz)
                return -ENAMETOOLONG;
        return 0;
}

int sysroot_read(const char *root, const char *path, char **ret_buf, size_t *ret_len)
{
        char full[4096];
        int r = sysroot_path(root, path, full, sizeof(full));
        if (r < 0)
                return r;
        /* O_NONBLOCK: opening a FIFO nobody writes must not hang; anything but a regular file
         * (procfs and sysfs attributes are regular files) is refused before the first read. */
        int fd = open(full, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        if (fd < 0)
                return -errno;
        struct stat st;
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
                r = S_ISDIR(st.st_mode) ? -EISDIR : SYSROOT_ENOTREG;
                close(fd);
                return r;
        }

        /* /proc and /sys files report size 0: read until EOF instead of trusting fstat. */
        size_t cap = 4096, len = 0;
        char *buf = malloc(cap);
        if (!buf) {
                close(fd);
                return -ENOMEM;
        }
        for (;;) {
                if (len + 1 >= cap) {
                        if (cap >= SYSROOT_READ_MAX) {
                                r = -EFBIG;
                                break;
                        }
                        char *nb = realloc(buf, cap * 2);
                        if (!nb) {
                                r = -ENOMEM;
                                break;
                        }
                        buf = nb;
                        cap *= 2;
                }
                ssize_t got = read(fd, buf + len, cap - len - 1);
                if (got < 0) {
                        if (errno == EINTR)
                                continue;
                        r = -errno;
                        break;
                }
                if (got == 0)
                        break;
                len += (size_t)got;
        }
        close(fd);
        if (r < 0) {
                free(buf);
                return r;
        }
        buf[len] = '\0';
        *ret_buf = buf;
        *ret_len = len;
        return 0;
}

int sysroot_readlink(const char *root, const char *path, char *out, size_t outsz)
{
        char full[4096];
        int r = sysroot_path(root, path, full, sizeof(full));
        if (r < 0)
                return r;
        if (outsz == 0)
                return -ENAMETOOLONG;
        ssize_t n = readlink(full, out, outsz);
        if (n < 0)
                return -errno;
        if ((size_t)n >= outsz)
                return -ENAMETOOLONG;
        out[n] = '\0';
        return 0;
}

const char *sysroot_strerror(int r)
{
        if (r == SYSROOT_ENOTREG)
                return "not a regular file (a FIFO, device or socket is never read)";
        return strerror(-r);
}

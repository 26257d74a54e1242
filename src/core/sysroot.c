/* Reading files below the sysroot (see sysroot.h). */
#include "core/sysroot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
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

/* Read the regular file open at fd whole, then close it. Where fstat gives a size (regular
 * files do; sysfs attributes say 4096, their page), one read of size + 1 octets returns all of it
 * and the short count is the end; /proc files say 0 and are read until EOF. */
static int read_fd_whole(int fd, char **ret_buf, size_t *ret_len)
{
        struct stat st;
        int r = 0;
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
                r = S_ISDIR(st.st_mode) ? -EISDIR : SYSROOT_ENOTREG;
                close(fd);
                return r;
        }
        size_t known = st.st_size > 0 && (uint64_t)st.st_size < SYSROOT_READ_MAX
                           ? (size_t)st.st_size
                           : 0;
        size_t cap = known ? known + 2 : 4096, len = 0;
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
                        size_t ncap = cap * 2 < 4096 ? 4096 : cap * 2;
                        char *nb = realloc(buf, ncap);
                        if (!nb) {
                                r = -ENOMEM;
                                break;
                        }
                        buf = nb;
                        cap = ncap;
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
                if (known && len <= known)
                        break; /* short of the size + 1 asked for: that was all */
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

/* O_NONBLOCK: opening a FIFO nobody writes must not hang; anything but a regular file (procfs
 * and sysfs attributes are regular files) is refused before the first read. */
#define READ_FLAGS (O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)

int sysroot_read(const char *root, const char *path, char **ret_buf, size_t *ret_len)
{
        char full[4096];
        int r = sysroot_path(root, path, full, sizeof(full));
        if (r < 0)
                return r;
        int fd = open(full, READ_FLAGS);
        if (fd < 0)
                return -errno;
        return read_fd_whole(fd, ret_buf, ret_len);
}

int sysroot_open_dir(const char *root, const char *path)
{
        char full[4096];
        int r = sysroot_path(root, path, full, sizeof(full));
        if (r < 0)
                return r;
        int fd = open(full, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        return fd < 0 ? -errno : fd;
}

int sysroot_open_dir_at(int dirfd, const char *name)
{
        int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
        return fd < 0 ? -errno : fd;
}

int sysroot_read_at(int dirfd, const char *name, char **ret_buf, size_t *ret_len)
{
        int fd = openat(dirfd, name, READ_FLAGS);
        if (fd < 0)
                return -errno;
        return read_fd_whole(fd, ret_buf, ret_len);
}

int sysroot_readlink_at(int dirfd, const char *name, char *out, size_t outsz)
{
        if (outsz == 0)
                return -ENAMETOOLONG;
        ssize_t n = readlinkat(dirfd, name, out, outsz);
        if (n < 0)
                return -errno;
        if ((size_t)n >= outsz)
                return -ENAMETOOLONG;
        out[n] = '\0';
        return 0;
}

int sysroot_readlink(const char *root, const char *path, char *out, size_t outsz)
{
        char full[4096];
        int r = sysroot_path(root, path, full, sizeof(full));
        return r < 0 ? r : sysroot_readlink_at(AT_FDCWD, full, out, outsz);
}

const char *sysroot_strerror(int r)
{
        if (r == SYSROOT_ENOTREG)
                return "not a regular file (a FIFO, device or socket is never read)";
        return strerror(-r);
}

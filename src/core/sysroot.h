/* File access below the configured root (--sysroot): every /proc and /sys read of a collector goes
 * through here, so tests and the demo replay fixture trees. Called from collector threads only. */
#ifndef SRVH_SYSROOT_H
#define SRVH_SYSROOT_H

#include <errno.h>
#include <stddef.h>

#define SYSROOT_READ_MAX (1u << 20) /* larger files are an error: nothing we read is that big */

/* Join root and an absolute path ("/proc/mdstat") into out. -ENAMETOOLONG if it does not fit. */
int sysroot_path(const char *root, const char *path, char *out, size_t outsz);

/* What sysroot_read() returns for a path that is not a regular file (a FIFO, a device, a
 * socket): reading one could block forever or have side effects. */
#define SYSROOT_ENOTREG (-ENOTSUP)

/* Read a whole file below root into a NUL-terminated malloc'd buffer (*ret_len excludes the NUL).
 * Returns 0 or -errno (-EFBIG past SYSROOT_READ_MAX, SYSROOT_ENOTREG, -EISDIR). Never blocks on
 * a FIFO. */
int sysroot_read(const char *root, const char *path, char **ret_buf, size_t *ret_len);

/* A directory below root, opened for the *_at() reads (O_DIRECTORY, close-on-exec): a collector
 * that reads many attributes of one object opens its directory once. Returns the fd or -errno. */
int sysroot_open_dir(const char *root, const char *path);

/* The directory name inside the directory open at dirfd (not through a symbolic link), for the
 * *_at() reads: the fd or -errno. */
int sysroot_open_dir_at(int dirfd, const char *name);

/* sysroot_read() of the file name relative to the directory open at dirfd. */
int sysroot_read_at(int dirfd, const char *name, char **ret_buf, size_t *ret_len);

/* sysroot_readlink() of the link name relative to the directory open at dirfd. */
int sysroot_readlink_at(int dirfd, const char *name, char *out, size_t outsz);

/* The target of the symbolic link at path below root, NUL-terminated into out[outsz] (as stored:
 * a relative target stays relative). Returns 0 or -errno (-EINVAL: not a link, -ENAMETOOLONG:
 * the target does not fit). */
int sysroot_readlink(const char *root, const char *path, char *out, size_t outsz);

/* strerror() for sysroot_read()'s results, with SYSROOT_ENOTREG said plainly. */
const char *sysroot_strerror(int r);

#endif

/* Ownership and mode checks of program paths named in the config (see path_check.h). */
#include "core/path_check.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int check_one(const char *path, const struct stat *st, bool dir, uid_t owner_ok, char *err,
                     size_t errsz)
{
        if (st->st_uid != 0 && st->st_uid != owner_ok) {
                snprintf(err, errsz, "%.200s is owned by uid %u, not by root: refused", path,
                         (unsigned)st->st_uid);
                return -EPERM;
        }
        bool sticky_dir = dir && (st->st_mode & S_ISVTX);
        if ((st->st_mode & (S_IWGRP | S_IWOTH)) && !sticky_dir) {
                snprintf(err, errsz, "%.200s is writable by %s: refused", path,
                         (st->st_mode & S_IWOTH) ? "everyone" : "its group");
                return -EPERM;
        }
        return 0;
}

int path_check_trusted(const char *path, uid_t owner_ok, char *err, size_t errsz)
{
        if (!path || path[0] != '/') {
                snprintf(err, errsz, "'%.200s' is not an absolute path: refused", path ? path : "");
                return -EINVAL;
        }
        /* Check what will be executed: the file a symlink points at, and every directory up
         * from there. realpath() resolves the links; a link itself cannot be written. */
        char *real = realpath(path, NULL);
        if (!real) {
                int e = errno;
                snprintf(err, errsz, "cannot resolve %.200s: %s", path, strerror(e));
                return -e;
        }
        struct stat st;
        int r = 0;
        if (stat(real, &st) < 0) {
                r = -errno;
                snprintf(err, errsz, "cannot stat %.200s: %s", real, strerror(-r));
        } else if (!S_ISREG(st.st_mode)) {
                r = -EINVAL;
                snprintf(err, errsz, "%.200s is not a regular file: refused", real);
        } else {
                r = check_one(real, &st, false, owner_ok, err, errsz);
        }
        for (char *slash = strrchr(real, '/'); r == 0 && slash;) {
                if (slash == real)
                        slash[1] = '\0'; /* "/" itself */
                else
                        *slash = '\0';
                if (stat(real, &st) < 0) {
                        r = -errno;
                        snprintf(err, errsz, "cannot stat %.200s: %s", real, strerror(-r));
                        break;
                }
                r = check_one(real, &st, true, owner_ok, err, errsz);
                if (slash == real)
                        break;
                slash = strrchr(real, '/');
        }
        free(real);
        return r;
}

/* Whether a program path from the config may be run by a daemon running as root: the file and
 * every directory above it owned by root (or owner_ok) and not writable by group or others.
 * Used by the exec checks and by the ZFS module's zpoolPath and zfsPath. Impure (stat). */
#ifndef SRVH_PATH_CHECK_H
#define SRVH_PATH_CHECK_H

#include <stddef.h>
#include <sys/types.h>

/* Whether path may be run: absolute, a regular file, neither it nor any directory above it
 * writable by group or others (a sticky directory such as /tmp excepted), all of them owned by
 * root or by owner_ok. Symbolic links are resolved first: what is checked is what runs. 0, or
 * -errno with a sentence in err naming the path and the reason. */
int path_check_trusted(const char *path, uid_t owner_ok, char *err, size_t errsz);

#endif

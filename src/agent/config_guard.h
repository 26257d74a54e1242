/* The checks every configuration file passes before net-snmp reads it (at start, in
 * --check-config, at each SIGHUP), and the pidfile check. libc only: no net-snmp, no logging of
 * its own (problems go to the caller's report function). See srvhealthd.conf(5), SECURITY. */
#ifndef SRVH_CONFIG_GUARD_H
#define SRVH_CONFIG_GUARD_H

#include <stdbool.h>
#include <stddef.h>

#define GUARD_DEPTH_MAX 8       /* nested includes (net-snmp's own limit is 16) */
#define GUARD_FILES_MAX 256     /* files in one configuration */
#define GUARD_FILE_MAX  1048576 /* bytes in one file */

/* Called once per problem with one line "FILE:LINE: what is wrong; what to do" (no newline). */
typedef void guard_report_fn(void *ctx, const char *line);

struct guard_result {
        unsigned problems;
        /* false when some file could not be checked or must not be opened (unsafe owner or mode,
         * not a regular file, missing): then net-snmp must not read the configuration at all */
        bool files_ok;
        unsigned files; /* files checked */
};

/*
 * Check the configuration file (an absolute path) and everything it includes, the way net-snmp
 * 5.9.3 will read them: each file and every directory its name is looked up in (symlinks
 * followed) must be owned by root, or by the effective uid when that is not root, and not be
 * group- or world-writable (a sticky world-writable directory such as /tmp is refused as well);
 * each file must be a regular file (a FIFO, socket, device or directory is refused without being
 * opened for reading) and pass config_scan(). includeFile and includeDir are followed up to
 * GUARD_DEPTH_MAX levels; a file that includes itself is refused.
 * Returns 0 with *ret filled, or -ENOMEM.
 */
int config_guard_check(const char *file, guard_report_fn *report, void *ctx,
                       struct guard_result *ret);

/* The pidfile just opened as fd: a regular file owned by the effective uid with exactly one
 * link. 0, or -EPERM with a sentence in why (naming path, the cause and the fix). */
int config_guard_pidfile(int fd, const char *path, char *why, size_t whysz);

#endif

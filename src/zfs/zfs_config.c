/* The ZFS module's tokens (see zfs_config.h). The parser is pure; validate, the impure step,
 * checks that a configured zpoolPath or zfsPath is a root-owned program no one else can replace
 * (the daemon runs it as root), as the exec checks do for their commands. */
#include "zfs/zfs_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "core/config.h"
#include "core/path_check.h"

static void *zfs_config_new(void)
{
        struct zfs_config *c = calloc(1, sizeof(*c));
        if (c) {
                snprintf(c->zpool_path, sizeof(c->zpool_path), "%s", ZFS_DEFAULT_ZPOOL_PATH);
                snprintf(c->zfs_path, sizeof(c->zfs_path), "%s", ZFS_DEFAULT_ZFS_PATH);
                c->scrub_max_age_days = ZFS_DEFAULT_SCRUB_MAX_AGE;
                c->state_interval_s = ZFS_DEFAULT_STATE_INTERVAL;
        }
        return c;
}

static int one_word(const char *token, const char *args, const char *usage, char *copy,
                    size_t copysz, char **ret, char *err, size_t errsz)
{
        char *w[2];
        if (strlen(args) >= copysz) {
                snprintf(err, errsz, "%s: argument longer than %zu bytes", token, copysz - 1);
                return -EINVAL;
        }
        if (config_split(strcpy(copy, args), w, 2) != 1) {
                snprintf(err, errsz, "%s: expected '%s %s'", token, token, usage);
                return -EINVAL;
        }
        *ret = w[0];
        return 0;
}

static int zfs_config_parse(void *cfg, const char *token, const char *args, char *err, size_t errsz)
{
        struct zfs_config *c = cfg;
        char copy[ZFS_PATH_MAX + 16], *w;

        if (strcmp(token, "zpoolPath") == 0 || strcmp(token, "zfsPath") == 0) {
                char *dst = token[1] == 'p' ? c->zpool_path : c->zfs_path;
                if (one_word(token, args, "/ABSOLUTE/PATH", copy, sizeof(copy), &w, err, errsz) < 0)
                        return -EINVAL;
                if (w[0] != '/' || strlen(w) >= ZFS_PATH_MAX) {
                        snprintf(err, errsz,
                                 "%s: '%s' is not an absolute path of at most %zu bytes (the "
                                 "binary is run without a shell or PATH search)",
                                 token, w, (size_t)ZFS_PATH_MAX - 1);
                        return -EINVAL;
                }
                memcpy(c->undo_path, dst, ZFS_PATH_MAX);
                snprintf(dst, ZFS_PATH_MAX, "%s", w);
                return 0;
        }
        if (strcmp(token, "scrubMaxAge") == 0) {
                if (one_word(token, args, "DAYS", copy, sizeof(copy), &w, err, errsz) < 0)
                        return -EINVAL;
                if (config_parse_uint(w, 0, ZFS_SCRUB_MAX_AGE_LIMIT, &c->scrub_max_age_days) < 0) {
                        snprintf(err, errsz, "%s: '%s' is not a whole number in 0..%u", token, w,
                                 ZFS_SCRUB_MAX_AGE_LIMIT);
                        return -EINVAL;
                }
                return 0;
        }
        if (strcmp(token, "poolStateInterval") == 0) {
                if (one_word(token, args, "SECONDS", copy, sizeof(copy), &w, err, errsz) < 0)
                        return -EINVAL;
                if (config_parse_uint(w, 0, ZFS_STATE_INTERVAL_LIMIT, &c->state_interval_s) < 0) {
                        snprintf(err, errsz, "%s: '%s' is not a whole number in 0..%u", token, w,
                                 ZFS_STATE_INTERVAL_LIMIT);
                        return -EINVAL;
                }
                return 0;
        }
        snprintf(err, errsz, "%s: not a zfs token", token);
        return -EINVAL;
}

static int zfs_config_validate(void *cfg, const char *token, char *err, size_t errsz)
{
        struct zfs_config *c = cfg;
        char why[256];
        if (strcmp(token, "zpoolPath") != 0 && strcmp(token, "zfsPath") != 0)
                return 0;
        char *path = token[1] == 'p' ? c->zpool_path : c->zfs_path;
        if (path_check_trusted(path, geteuid(), why, sizeof(why)) == 0)
                return 0;
        snprintf(err, errsz, "%s: %s; keeping %s", token, why, c->undo_path);
        memcpy(path, c->undo_path, ZFS_PATH_MAX);
        return -EINVAL;
}

static const struct module_token zfs_tokens[] = {
    {"zpoolPath", "/ABSOLUTE/PATH (default " ZFS_DEFAULT_ZPOOL_PATH ")"},
    {"zfsPath", "/ABSOLUTE/PATH (default " ZFS_DEFAULT_ZFS_PATH ")"},
    {"scrubMaxAge", "DAYS (0..3650, 0 disables; default 35)"},
    {"poolStateInterval", "SECONDS (0..3600, 0 disables; default 5)"},
};

const struct module_config_ops zfs_config_ops = {
    .tokens = zfs_tokens,
    .n_tokens = sizeof(zfs_tokens) / sizeof(zfs_tokens[0]),
    .new_config = zfs_config_new,
    .parse = zfs_config_parse,
    .validate = zfs_config_validate,
    .free_config = free,
};

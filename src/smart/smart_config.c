/* smart's config tokens (see smart_config.h). Pure: no I/O, no logging; a blob file is only
 * named here and read by the collector at every poll. */
#include "smart/smart_config.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

static void *smart_config_new(void)
{
        struct smart_config *c = calloc(1, sizeof(*c));
        if (c) {
                c->temp_high = SMART_DEFAULT_TEMP_HIGH;
                c->temp_hysteresis = SMART_DEFAULT_TEMP_HYSTERESIS;
                c->standby = SMART_STANDBY_STANDBY;
                c->nvme_wear_high = SMART_DEFAULT_NVME_WEAR_HIGH;
        }
        return c;
}

static void smart_config_free(void *p)
{
        struct smart_config *c = p;
        if (!c)
                return;
        free(c->blobs);
        free(c->devices);
        free(c->nvme_logs);
        free(c->nvme_identify);
        free(c);
}

/* Blob names become srvhDiskDevice and log text: letters, digits and ._- only. */
static bool good_name(const char *s)
{
        size_t n = strlen(s);
        if (n == 0 || n >= SMART_NAME_MAX)
                return false;
        return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

/* A "NAME PATH" line into *list (smartBlob, smartDevice): NAME a short word, PATH absolute, NAME
 * not given twice in the same list. what names PATH in messages ("FILE", "DEVICE"). */
static int parse_named_path(struct smart_named_path **list, size_t *n, const char *token,
                            const char *what, char **w, size_t nw, char *err, size_t errsz)
{
        if (nw != 2) {
                snprintf(err, errsz, "%s: expected '%s NAME %s'", token, token, what);
                return -EINVAL;
        }
        if (!good_name(w[0])) {
                snprintf(err, errsz,
                         "%s: NAME '%.40s' must be 1..%d letters, digits, '.', '_' or '-'", token,
                         w[0], SMART_NAME_MAX - 1);
                return -EINVAL;
        }
        if (w[1][0] != '/' || strlen(w[1]) >= SMART_PATH_MAX) {
                snprintf(err, errsz, "%s: %s '%.60s' must be an absolute path under %d bytes",
                         token, what, w[1], SMART_PATH_MAX);
                return -EINVAL;
        }
        for (size_t i = 0; i < *n; i++) {
                if (!strcmp((*list)[i].name, w[0])) {
                        snprintf(err, errsz, "%s: NAME '%s' is given twice", token, w[0]);
                        return -EINVAL;
                }
        }
        if (*n >= SMART_BLOBS_MAX) {
                snprintf(err, errsz, "%s: at most %d of them", token, SMART_BLOBS_MAX);
                return -EINVAL;
        }
        struct smart_named_path *v = realloc(*list, (*n + 1) * sizeof(*v));
        if (!v) {
                snprintf(err, errsz, "%s: out of memory", token);
                return -ENOMEM;
        }
        *list = v;
        snprintf(v[*n].name, sizeof(v[*n].name), "%s", w[0]);
        snprintf(v[*n].path, sizeof(v[*n].path), "%s", w[1]);
        (*n)++;
        return 0;
}

static int parse_blob(struct smart_config *c, const char *token, char **w, size_t nw, char *err,
                      size_t errsz)
{
        return parse_named_path(&c->blobs, &c->n_blobs, token, "FILE", w, nw, err, errsz);
}

static int parse_device(struct smart_config *c, const char *token, char **w, size_t nw, char *err,
                        size_t errsz)
{
        return parse_named_path(&c->devices, &c->n_devices, token, "DEVICE", w, nw, err, errsz);
}

/* nvmeLog NAME FILE [IDENTIFY]: a recorded NVMe health log page (and Identify Controller data). */
static int parse_nvme_log(struct smart_config *c, const char *token, char **w, size_t nw, char *err,
                          size_t errsz)
{
        if (nw < 2 || nw > 3) {
                snprintf(err, errsz, "%s: expected '%s NAME FILE [IDENTIFY]'", token, token);
                return -EINVAL;
        }
        if (nw == 3 && (w[2][0] != '/' || strlen(w[2]) >= SMART_PATH_MAX)) {
                snprintf(err, errsz, "%s: IDENTIFY '%.60s' must be an absolute path under %d bytes",
                         token, w[2], SMART_PATH_MAX);
                return -EINVAL;
        }
        char(*id)[SMART_PATH_MAX] =
            realloc(c->nvme_identify, (c->n_nvme_logs + 1) * sizeof(*c->nvme_identify));
        if (!id) {
                snprintf(err, errsz, "%s: out of memory", token);
                return -ENOMEM;
        }
        c->nvme_identify = id;
        int r = parse_named_path(&c->nvme_logs, &c->n_nvme_logs, token, "FILE", w, 2, err, errsz);
        if (r == 0)
                snprintf(id[c->n_nvme_logs - 1], SMART_PATH_MAX, "%s", nw == 3 ? w[2] : "");
        return r;
}

static int parse_standby(struct smart_config *c, const char *token, char **w, size_t nw, char *err,
                         size_t errsz)
{
        static const char *const names[] = {"never", "sleep", "standby", "idle"};
        for (size_t i = 0; nw == 1 && i < sizeof(names) / sizeof(names[0]); i++) {
                if (!strcmp(w[0], names[i])) {
                        c->standby = (enum smart_standby)i;
                        return 0;
                }
        }
        snprintf(err, errsz, "%s: expected '%s never|sleep|standby|idle'", token, token);
        return -EINVAL;
}

static int parse_pattern(char (*list)[SMART_PATTERN_MAX], size_t *n, const char *token, char **w,
                         size_t nw, char *err, size_t errsz)
{
        if (nw != 1 || !w[0][0] || strlen(w[0]) >= SMART_PATTERN_MAX) {
                snprintf(err, errsz, "%s: expected '%s PATTERN' (one shell pattern under %d bytes)",
                         token, token, SMART_PATTERN_MAX);
                return -EINVAL;
        }
        if (*n >= SMART_PATTERNS_MAX) {
                snprintf(err, errsz, "%s: at most %d patterns", token, SMART_PATTERNS_MAX);
                return -EINVAL;
        }
        snprintf(list[(*n)++], SMART_PATTERN_MAX, "%s", w[0]);
        return 0;
}

static int parse_dir(struct smart_config *c, const char *token, char **w, size_t nw, char *err,
                     size_t errsz)
{
        if (nw != 1 || w[0][0] != '/' || strlen(w[0]) >= SMART_PATH_MAX) {
                snprintf(err, errsz, "%s: expected '%s DIR' (an absolute path under %d bytes)",
                         token, token, SMART_PATH_MAX);
                return -EINVAL;
        }
        snprintf(c->blob_dir, sizeof(c->blob_dir), "%s", w[0]);
        return 0;
}

bool smart_config_selects(const struct smart_config *c, const char *name)
{
        bool in = c->n_include == 0;
        for (size_t i = 0; !in && i < c->n_include; i++)
                in = fnmatch(c->include[i], name, 0) == 0;
        for (size_t i = 0; in && i < c->n_exclude; i++)
                in = fnmatch(c->exclude[i], name, 0) != 0;
        return in;
}

static int parse_degrees(const char *token, char **w, size_t nw, unsigned hi, unsigned *ret,
                         char *err, size_t errsz)
{
        if (nw != 1 || config_parse_uint(w[0], 0, hi, ret) < 0) {
                snprintf(err, errsz, "%s: expected '%s CELSIUS' (a whole number 0..%u)", token,
                         token, hi);
                return -EINVAL;
        }
        return 0;
}

static int smart_config_parse(void *cfg, const char *token, const char *args, char *err,
                              size_t errsz)
{
        struct smart_config *c = cfg;
        char copy[2 * SMART_PATH_MAX + SMART_NAME_MAX + 16], *w[3];
        if (strlen(args) >= sizeof(copy)) {
                snprintf(err, errsz, "%s: line too long", token);
                return -EINVAL;
        }
        size_t nw = config_split(strcpy(copy, args), w, 3);

        if (!strcmp(token, "smartBlob"))
                return parse_blob(c, token, w, nw, err, errsz);
        if (!strcmp(token, "smartTemperatureHigh"))
                return parse_degrees(token, w, nw, 100, &c->temp_high, err, errsz);
        if (!strcmp(token, "smartTemperatureHysteresis"))
                return parse_degrees(token, w, nw, 50, &c->temp_hysteresis, err, errsz);
        if (!strcmp(token, "smartDevice"))
                return parse_device(c, token, w, nw, err, errsz);
        if (!strcmp(token, "smartStandby"))
                return parse_standby(c, token, w, nw, err, errsz);
        if (!strcmp(token, "smartInclude"))
                return parse_pattern(c->include, &c->n_include, token, w, nw, err, errsz);
        if (!strcmp(token, "smartExclude"))
                return parse_pattern(c->exclude, &c->n_exclude, token, w, nw, err, errsz);
        if (!strcmp(token, "smartBlobDir"))
                return parse_dir(c, token, w, nw, err, errsz);
        if (!strcmp(token, "nvmeLog"))
                return parse_nvme_log(c, token, w, nw, err, errsz);
        if (!strcmp(token, "nvmeWearHigh")) {
                if (nw == 1 && config_parse_uint(w[0], 0, 255, &c->nvme_wear_high) == 0)
                        return 0;
                snprintf(err, errsz, "%s: expected '%s PERCENT' (0..255, 0 disables)", token,
                         token);
                return -EINVAL;
        }
        if (!strcmp(token, "smartStandbyMaxSkips")) {
                if (nw != 1 || config_parse_uint(w[0], 0, 100000, &c->standby_max_skips) < 0) {
                        snprintf(err, errsz,
                                 "%s: expected '%s N' (polls 0..100000, 0 = never "
                                 "read a sleeping disk)",
                                 token, token);
                        return -EINVAL;
                }
                return 0;
        }
        snprintf(err, errsz, "%s: not a smart token", token);
        return -EINVAL;
}

static const struct module_token smart_tokens[] = {
    {"smartBlob", "NAME FILE (serve a libatasmart blob as disk NAME, re-read at every poll)"},
    {"smartTemperatureHigh", "CELSIUS (0..100, 0 disables; default 55)"},
    {"smartTemperatureHysteresis", "CELSIUS (0..50; default 5)"},
    {"smartDevice", "NAME DEVICE (read the ATA disk at DEVICE as disk NAME)"},
    {"smartStandby", "never|sleep|standby|idle (power states left unread; default standby)"},
    {"smartInclude", "PATTERN (read only discovered disks whose name matches; repeatable)"},
    {"smartExclude", "PATTERN (skip discovered disks whose name matches; repeatable)"},
    {"smartBlobDir",
     "DIR (every DIR/NAME.blob is a disk NAME, watched for files coming and going)"},
    {"nvmeLog", "NAME FILE [IDENTIFY] (serve a recorded NVMe health log page, and Identify "
                "Controller data, as disk NAME, re-read at every poll)"},
    {"nvmeWearHigh", "PERCENT (NVMe percentage used that warns, 0..255, 0 disables; default 80)"},
    {"smartStandbyMaxSkips",
     "N (read a disk anyway after N polls in a row left it asleep, as smartd -n standby,N; "
     "default 0, never)"},
};

const struct module_config_ops smart_config_ops = {
    .tokens = smart_tokens,
    .n_tokens = sizeof(smart_tokens) / sizeof(smart_tokens[0]),
    .new_config = smart_config_new,
    .parse = smart_config_parse,
    .free_config = smart_config_free,
};

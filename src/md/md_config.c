/* md's config tokens (see md_config.h). Pure: no I/O, no logging. */
#include "md/md_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

static void *md_config_new(void)
{
        struct md_config *c = calloc(1, sizeof(*c));
        if (c) {
                c->rebuild_step = MD_DEFAULT_REBUILD_STEP;
                snprintf(c->mdadm_conf, sizeof(c->mdadm_conf), "%s", MD_DEFAULT_MDADM_CONF);
        }
        return c;
}

static int parse_mdadm_conf(struct md_config *c, const char *token, const char *args, char *err,
                            size_t errsz)
{
        char copy[512], *w[1];
        if (strlen(args) >= sizeof(copy) || config_split(strcpy(copy, args), w, 1) != 1) {
                snprintf(err, errsz, "%s: expected '%s PATH' (absolute) or '%s none'", token, token,
                         token);
                return -EINVAL;
        }
        if (strcmp(w[0], "none") == 0) {
                c->mdadm_conf[0] = '\0';
        } else if (w[0][0] != '/' || strlen(w[0]) >= sizeof(c->mdadm_conf)) {
                snprintf(err, errsz, "%s: '%.200s' is not an absolute path (or 'none')", token,
                         w[0]);
                return -EINVAL;
        } else {
                snprintf(c->mdadm_conf, sizeof(c->mdadm_conf), "%s", w[0]);
        }
        c->mdadm_conf_given = true;
        return 0;
}

static int md_config_parse(void *cfg, const char *token, const char *args, char *err, size_t errsz)
{
        struct md_config *c = cfg;
        if (strcmp(token, "mdadmConf") == 0)
                return parse_mdadm_conf(c, token, args, err, errsz);
        if (strcmp(token, "rebuildProgressStep") != 0) {
                snprintf(err, errsz, "%s: not an md token", token);
                return -EINVAL;
        }
        char copy[64], *w[1];
        if (strlen(args) >= sizeof(copy) || config_split(strcpy(copy, args), w, 1) != 1) {
                snprintf(err, errsz, "%s: expected '%s PERCENT' (0..100, 0 disables)", token,
                         token);
                return -EINVAL;
        }
        if (config_parse_uint(w[0], 0, 100, &c->rebuild_step) < 0) {
                snprintf(err, errsz, "%s: '%s' is not a whole number in 0..100", token, w[0]);
                return -EINVAL;
        }
        return 0;
}

static const struct module_token md_tokens[] = {
    {"rebuildProgressStep", "PERCENT (0..100, 0 disables)"},
    {"mdadmConf", "PATH (absolute, below --sysroot; default " MD_DEFAULT_MDADM_CONF ") | none"},
};

const struct module_config_ops md_config_ops = {
    .tokens = md_tokens,
    .n_tokens = sizeof(md_tokens) / sizeof(md_tokens[0]),
    .new_config = md_config_new,
    .parse = md_config_parse,
    .free_config = free,
};

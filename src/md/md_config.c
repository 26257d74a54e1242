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
        if (c)
                c->rebuild_step = MD_DEFAULT_REBUILD_STEP;
        return c;
}

static int md_config_parse(void *cfg, const char *token, const char *args, char *err, size_t errsz)
{
        struct md_config *c = cfg;
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
};

const struct module_config_ops md_config_ops = {
    .tokens = md_tokens,
    .n_tokens = sizeof(md_tokens) / sizeof(md_tokens[0]),
    .new_config = md_config_new,
    .parse = md_config_parse,
    .free_config = free,
};

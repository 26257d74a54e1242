/* The configuration's pure line parser (see config.h and srvhealthd.conf(5)): frame tokens here,
 * module tokens dispatched to the module that owns them. No net-snmp, no I/O, no logging. */
#include "core/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"

int config_init(struct srvh_config *c)
{
        memset(c, 0, sizeof(*c));
        for (size_t i = 0; i < srvh_n_modules && i < SRVH_MODULES_MAX; i++) {
                c->poll_interval[i] = srvh_modules[i]->default_interval;
                c->poll_timeout[i] = srvh_modules[i]->default_timeout;
                c->module[i] = module_conf_new(srvh_modules[i]);
                if (!c->module[i]) {
                        config_clear(c);
                        return -ENOMEM;
                }
        }
        c->queue_size = 1000;
        c->event_table_size = 100;
        return 0;
}

void config_clear(struct srvh_config *c)
{
        for (size_t i = 0; i < SRVH_MODULES_MAX; i++) {
                module_conf_unref(c->module[i]);
                c->module[i] = NULL;
        }
}

int config_parse_uint(const char *word, unsigned lo, unsigned hi, unsigned *ret)
{
        if (!word || word[0] < '0' || word[0] > '9')
                return -EINVAL;
        unsigned long long v = 0;
        for (const char *p = word; *p; p++) {
                if (*p < '0' || *p > '9')
                        return -EINVAL;
                v = v * 10 + (unsigned)(*p - '0');
                if (v > hi)
                        return -EINVAL; /* also stops before any overflow */
        }
        if (v < lo)
                return -EINVAL;
        *ret = (unsigned)v;
        return 0;
}

size_t config_split(char *args, char **w, size_t n)
{
        size_t k = 0;
        char *save = NULL;
        for (char *t = strtok_r(args, " \t\r\n", &save); t; t = strtok_r(NULL, " \t\r\n", &save)) {
                if (k < n)
                        w[k] = t;
                k++;
        }
        for (size_t i = k; i < n; i++)
                w[i] = NULL;
        return k;
}

/* ---- frame tokens ---------------------------------------------------------------------------- */

struct frame_token {
        const char *name;
        const char *usage;
        int (*parse)(struct srvh_config *c, const char *token, char **w, size_t nw,
                     struct strbuf *err);
        size_t words;
};

static int bad_number(struct strbuf *err, const char *token, const char *word, unsigned lo,
                      unsigned hi)
{
        strbuf_appendf(err, "%s: '%s' is not a whole number in %u..%u", token, word ? word : "", lo,
                       hi);
        return -EINVAL;
}

static int module_word(const char *token, const char *word, struct strbuf *err)
{
        int i = module_position(word);
        if (i >= 0 && i < SRVH_MODULES_MAX)
                return i;
        strbuf_appendf(err, "%s: unknown module '%s' (known:", token, word);
        for (size_t k = 0; k < srvh_n_modules; k++)
                strbuf_appendf(err, " %s", srvh_modules[k]->name);
        strbuf_appendf(err, ")");
        return -EINVAL;
}

static int parse_module_seconds(const char *token, char **w, unsigned hi, unsigned *dst,
                                struct strbuf *err)
{
        int m = module_word(token, w[0], err);
        if (m < 0)
                return m;
        unsigned v;
        if (config_parse_uint(w[1], 1, hi, &v) < 0)
                return bad_number(err, token, w[1], 1, hi);
        dst[m] = v;
        return 0;
}

static int parse_poll_interval(struct srvh_config *c, const char *token, char **w, size_t nw,
                               struct strbuf *err)
{
        (void)nw;
        return parse_module_seconds(token, w, CONFIG_INTERVAL_MAX, c->poll_interval, err);
}

static int parse_poll_timeout(struct srvh_config *c, const char *token, char **w, size_t nw,
                              struct strbuf *err)
{
        (void)nw;
        return parse_module_seconds(token, w, CONFIG_TIMEOUT_MAX, c->poll_timeout, err);
}

static int parse_disable_module(struct srvh_config *c, const char *token, char **w, size_t nw,
                                struct strbuf *err)
{
        (void)nw;
        int m = module_word(token, w[0], err);
        if (m < 0)
                return m;
        c->disabled[m] = true;
        return 0;
}

static int parse_queue_size(struct srvh_config *c, const char *token, char **w, size_t nw,
                            struct strbuf *err)
{
        (void)nw;
        if (config_parse_uint(w[0], 1, CONFIG_QUEUE_MAX, &c->queue_size) < 0)
                return bad_number(err, token, w[0], 1, CONFIG_QUEUE_MAX);
        return 0;
}

static int parse_event_table_size(struct srvh_config *c, const char *token, char **w, size_t nw,
                                  struct strbuf *err)
{
        (void)nw;
        if (config_parse_uint(w[0], 1, CONFIG_EVENT_TABLE_MAX, &c->event_table_size) < 0)
                return bad_number(err, token, w[0], 1, CONFIG_EVENT_TABLE_MAX);
        return 0;
}

static const struct frame_token frame_tokens[] = {
    {"pollInterval", "MODULE SECONDS (1..86400)", parse_poll_interval, 2},
    {"pollTimeout", "MODULE SECONDS (1..3600)", parse_poll_timeout, 2},
    {"disableModule", "MODULE", parse_disable_module, 1},
    {"notificationQueueSize", "N (1..100000)", parse_queue_size, 1},
    {"eventTableSize", "N (1..10000)", parse_event_table_size, 1},
};
#define N_FRAME_TOKENS (sizeof(frame_tokens) / sizeof(frame_tokens[0]))

size_t config_token_count(void)
{
        size_t n = N_FRAME_TOKENS;
        for (size_t i = 0; i < srvh_n_modules; i++)
                n += srvh_modules[i]->config ? srvh_modules[i]->config->n_tokens : 0;
        return n;
}

struct config_token config_token_at(size_t i)
{
        if (i < N_FRAME_TOKENS)
                return (struct config_token){frame_tokens[i].name, frame_tokens[i].usage};
        i -= N_FRAME_TOKENS;
        for (size_t m = 0; m < srvh_n_modules; m++) {
                const struct module_config_ops *co = srvh_modules[m]->config;
                if (!co)
                        continue;
                if (i < co->n_tokens)
                        return (struct config_token){co->tokens[i].name, co->tokens[i].usage};
                i -= co->n_tokens;
        }
        return (struct config_token){NULL, NULL};
}

#define FRAME_WORDS_MAX 2

int config_parse_line(struct srvh_config *c, const char *token, const char *args, char *err,
                      size_t errsz)
{
        struct strbuf eb;
        strbuf_init(&eb, err, errsz);
        if (!args)
                args = "";
        for (size_t i = 0; i < N_FRAME_TOKENS; i++) {
                const struct frame_token *f = &frame_tokens[i];
                if (strcmp(token, f->name) != 0)
                        continue;
                char copy[1024];
                if (strlen(args) >= sizeof(copy)) {
                        strbuf_appendf(&eb, "%s: line too long", token);
                        return -EINVAL;
                }
                strcpy(copy, args);
                char *w[FRAME_WORDS_MAX];
                size_t nw = config_split(copy, w, FRAME_WORDS_MAX);
                if (nw != f->words) {
                        strbuf_appendf(&eb, "%s: expected '%s %s'", token, token, f->usage);
                        return -EINVAL;
                }
                return f->parse(c, token, w, nw, &eb);
        }
        for (size_t m = 0; m < srvh_n_modules && m < SRVH_MODULES_MAX; m++) {
                const struct module_config_ops *co = srvh_modules[m]->config;
                for (size_t t = 0; co && t < co->n_tokens; t++) {
                        if (strcmp(token, co->tokens[t].name) != 0)
                                continue;
                        void *data = module_conf_data(c->module[m]);
                        if (!data || !co->parse) {
                                strbuf_appendf(&eb, "%s: module %s has no configuration", token,
                                               srvh_modules[m]->name);
                                return -EINVAL;
                        }
                        int r = co->parse(data, token, args, err, errsz);
                        if (r < 0 && !err[0])
                                snprintf(err, errsz, "%s: invalid value", token);
                        return r < 0 ? -EINVAL : 0;
                }
        }
        strbuf_appendf(&eb, "%s: unknown token", token);
        return -ENOENT;
}

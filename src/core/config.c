/* Our configuration tokens (see config.h and srvhealthd.conf(5)). net-snmp reports every problem
 * with file and line (config_perror); we also count them so --check-config can fail. */
#include "core/config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "core/module.h"

static struct srvh_config *cfg_target;
static unsigned problems;
static bool watching;

void config_defaults(struct srvh_config *c)
{
        memset(c, 0, sizeof(*c));
        for (size_t i = 0; i < srvh_n_modules && i < SRVH_MODULES_MAX; i++)
                c->poll_interval[i] = srvh_modules[i]->default_interval;
        c->rebuild_step = 20;
        c->queue_size = 1000;
        c->event_table_size = 100;
}

/* Parse a whole decimal number in [lo, hi]; reports the problem through config_perror. */
static bool parse_uint(const char *word, const char *what, unsigned lo, unsigned hi, unsigned *ret)
{
        char msg[200];
        if (!word) {
                snprintf(msg, sizeof(msg), "%s: missing value (expected %u..%u)", what, lo, hi);
                config_perror(msg);
                return false;
        }
        char *end;
        errno = 0;
        unsigned long v = strtoul(word, &end, 10);
        if (errno || end == word || *end || word[0] == '-' || v < lo || v > hi) {
                snprintf(msg, sizeof(msg), "%s: '%s' is not a number in %u..%u", what, word, lo,
                         hi);
                config_perror(msg);
                return false;
        }
        *ret = (unsigned)v;
        return true;
}

static int module_arg(const char *token, const char *word)
{
        char msg[200];
        if (!word) {
                snprintf(msg, sizeof(msg), "%s: missing module name", token);
                config_perror(msg);
                return -1;
        }
        int i = module_index(word);
        if (i < 0) {
                size_t used = (size_t)snprintf(msg, sizeof(msg),
                                               "%s: unknown module '%s' (known:", token, word);
                for (size_t k = 0; k < srvh_n_modules && used < sizeof(msg); k++)
                        used += (size_t)snprintf(msg + used, sizeof(msg) - used, " %s",
                                                 srvh_modules[k]->name);
                if (used < sizeof(msg))
                        snprintf(msg + used, sizeof(msg) - used, ")");
                config_perror(msg);
        }
        return i;
}

/* Split line into at most n words; returns how many there were (may exceed n). */
static size_t split(char *line, char **w, size_t n)
{
        size_t k = 0;
        for (char *save = NULL, *t = strtok_r(line, " \t", &save); t;
             t = strtok_r(NULL, " \t", &save)) {
                if (k < n)
                        w[k] = t;
                k++;
        }
        for (size_t i = k; i < n; i++)
                w[i] = NULL;
        return k;
}

static bool check_words(const char *token, size_t got, size_t want, const char *usage)
{
        if (got == want)
                return true;
        char msg[200];
        snprintf(msg, sizeof(msg), "%s: expected '%s %s'", token, token, usage);
        config_perror(msg);
        return false;
}

static void handle_poll_interval(const char *token, char *line)
{
        char *w[2];
        if (!check_words(token, split(line, w, 2), 2, "MODULE SECONDS"))
                return;
        int m = module_arg(token, w[0]);
        unsigned v;
        if (m >= 0 && parse_uint(w[1], token, 1, 86400, &v))
                cfg_target->poll_interval[m] = v;
}

static void handle_disable_module(const char *token, char *line)
{
        char *w[1];
        if (!check_words(token, split(line, w, 1), 1, "MODULE"))
                return;
        int m = module_arg(token, w[0]);
        if (m >= 0)
                cfg_target->disabled[m] = true;
}

static void handle_uint(const char *token, char *line, unsigned lo, unsigned hi, unsigned *dst)
{
        char *w[1];
        char usage[32];
        snprintf(usage, sizeof(usage), "%u..%u", lo, hi);
        if (!check_words(token, split(line, w, 1), 1, usage))
                return;
        parse_uint(w[0], token, lo, hi, dst);
}

static void handle_rebuild_step(const char *token, char *line)
{
        handle_uint(token, line, 0, 100, &cfg_target->rebuild_step);
}

static void handle_queue_size(const char *token, char *line)
{
        handle_uint(token, line, 1, 100000, &cfg_target->queue_size);
}

static void handle_event_table_size(const char *token, char *line)
{
        handle_uint(token, line, 1, 10000, &cfg_target->event_table_size);
}

void config_register(struct srvh_config *target)
{
        cfg_target = target;
        register_app_config_handler("pollInterval", handle_poll_interval, NULL, "MODULE SECONDS");
        register_app_config_handler("disableModule", handle_disable_module, NULL, "MODULE");
        register_app_config_handler("rebuildProgressStep", handle_rebuild_step, NULL,
                                    "PERCENT (0 disables)");
        register_app_config_handler("notificationQueueSize", handle_queue_size, NULL, "N");
        register_app_config_handler("eventTableSize", handle_event_table_size, NULL, "N");
}

static int count_log(int major, int minor, void *serverarg, void *clientarg)
{
        (void)major;
        (void)minor;
        (void)clientarg;
        const struct snmp_log_message *m = serverarg;
        if (watching && m && m->priority <= LOG_WARNING)
                problems++;
        return 0;
}

void config_watch_log(void)
{
        static bool registered;
        if (!registered) {
                snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING, count_log,
                                       NULL);
                snmp_enable_calllog();
                registered = true;
        }
        watching = true;
}

void config_unwatch_log(void)
{
        watching = false;
}

unsigned config_problems(void)
{
        return problems;
}

void config_reset_problems(void)
{
        problems = 0;
}

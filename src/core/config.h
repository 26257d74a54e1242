/* The configuration as srvhealthd.conf states it: the frame-wide settings core keeps (intervals,
 * timeouts, disabled modules, queue and event table sizes) and one frozen config object per module
 * (core/module.h). Pure: the line parser takes a token and its arguments and returns 0 or -EINVAL
 * with a message; src/agent/agent_config.c feeds it from net-snmp's config reader, which adds
 * file:line. One srvh_config is built per read (start, SIGHUP) and never changed afterwards. */
#ifndef SRVH_CONFIG_H
#define SRVH_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/module.h"

#define SRVH_MODULES_MAX 8
#define CONFIG_ERR_MAX   256

/* Limits of the frame-wide numbers (also printed in usage texts and the man page). */
#define CONFIG_INTERVAL_MAX    86400u
#define CONFIG_TIMEOUT_MAX     3600u
#define CONFIG_QUEUE_MAX       100000u
#define CONFIG_EVENT_TABLE_MAX 10000u

struct srvh_config {
        unsigned poll_interval[SRVH_MODULES_MAX]; /* seconds, per position in srvh_modules */
        unsigned poll_timeout[SRVH_MODULES_MAX];  /* seconds a poll may take */
        bool disabled[SRVH_MODULES_MAX];
        unsigned queue_size;                          /* notificationQueueSize */
        unsigned event_table_size;                    /* eventTableSize */
        struct module_conf *module[SRVH_MODULES_MAX]; /* owned references */
};

/* Defaults, and a fresh config object for every module. 0 or -ENOMEM (then cleared). */
int config_init(struct srvh_config *c);
void config_clear(struct srvh_config *c); /* drops the module references; accepts a zeroed one */

/* One config line: token (case as written) and the rest of the line. Returns 0; -EINVAL with a
 * message in err (token, what is wrong, what is accepted); -ENOENT for a token nobody owns. */
int config_parse_line(struct srvh_config *c, const char *token, const char *args, char *err,
                      size_t errsz);

/* Every token: frame tokens first, then each module's. Used to register them with net-snmp. */
struct config_token {
        const char *name;
        const char *usage;
};
size_t config_token_count(void);
struct config_token config_token_at(size_t i);

/* A whole decimal number in [lo, hi] (no sign, no spaces, no overflow). 0 or -EINVAL. Modules
 * use it for their own numeric tokens so every number is checked the same way. */
int config_parse_uint(const char *word, unsigned lo, unsigned hi, unsigned *ret);

/* Split args into at most n blank-separated words in place; returns how many there were (may
 * exceed n: the caller reports "too many"). */
size_t config_split(char *args, char **w, size_t n);

#endif

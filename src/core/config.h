/* srvhealthd's own configuration tokens, read through net-snmp's config machinery from
 * srvhealthd.conf (snmpd.conf syntax). Runs on the SNMP thread only. */
#ifndef SRVH_CONFIG_H
#define SRVH_CONFIG_H

#include <stdbool.h>

#define SRVH_MODULES_MAX 8

struct srvh_config {
        unsigned poll_interval[SRVH_MODULES_MAX]; /* seconds per module, in srvh_modules order */
        bool disabled[SRVH_MODULES_MAX];
        unsigned rebuild_step;     /* rebuildProgressStep, percent */
        unsigned queue_size;       /* notificationQueueSize */
        unsigned event_table_size; /* eventTableSize */
};

void config_defaults(struct srvh_config *c);

/* Register our tokens with net-snmp (before init_snmp). Values land in *target on every read. */
void config_register(struct srvh_config *target);

/* Number of errors and warnings net-snmp and our handlers logged while reading config files
 * since the last config_reset_problems(): unknown tokens, bad values. */
unsigned config_problems(void);
void config_reset_problems(void);

/* Count warnings and errors logged from now on (installs a net-snmp logging callback). */
void config_watch_log(void);
void config_unwatch_log(void);

#endif

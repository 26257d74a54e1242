/* net-snmp's side of the configuration: registers every token of core/config.c (frame and module
 * tokens) with net-snmp's config reader, feeds each line to the pure parser, and reports problems
 * through config_perror(), which names file and line. SNMP thread only. */
#ifndef SRVH_AGENT_CONFIG_H
#define SRVH_AGENT_CONFIG_H

#include <stdbool.h>

#include "core/config.h"

/* Register our tokens (once, before init_agent()/init_snmp() read the file). */
void agent_config_register(void);

/* Lines read between begin and end go into *into (config_init()ed by begin). end returns the
 * number of problems net-snmp and our parsers reported meanwhile: bad values, unknown tokens. */
int agent_config_begin(struct srvh_config *into);
unsigned agent_config_end(void);

/* The pre-scan (agent/config_guard.h) of file and its includes, each problem logged at LOG_ERR
 * as "file:line: ...". Returns the number of problems (0: net-snmp may read the file); with
 * ret_files_ok, whether every file was safe to hand to net-snmp at all. NULL file: 0. */
unsigned agent_config_guard(const char *file, bool *ret_files_ok);

/* Read file (NULL: none) into *into. Returns the number of problems, or -ENOMEM. */
int agent_config_read(const char *file, struct srvh_config *into);

#endif

/* The md module's configuration tokens (srvhealthd.conf(5)): a pure line parser and the frozen
 * object the collector and the diff read. */
#ifndef SRVH_MD_CONFIG_H
#define SRVH_MD_CONFIG_H

#include <stddef.h>

#include "core/module.h"

#define MD_DEFAULT_REBUILD_STEP 20 /* percent between rebuild progress notifications */

struct md_config {
        unsigned rebuild_step; /* rebuildProgressStep: percent, 0 = no progress notifications */
};

extern const struct module_config_ops md_config_ops;

#endif
